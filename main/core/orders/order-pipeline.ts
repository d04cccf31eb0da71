/**
 * Order entry (DESIGN §2 principles 1, 3, 4): validate → band check → ORDER_INTENT committed
 * durably → send → exactly one outcome (confirmed, rejected, denied, unresolved). If the intent
 * cannot be journalled, nothing is sent: no journal, no trade.
 */
import type { OrderTicket } from '../../../shared/contract';
import type { CommandOutcome } from '../../../shared/domain';
import type { OrderOutcomeView, OrderPreview } from '../../../shared/orders';
import type { Clock } from '../clock';
import { JournalUnavailableError } from '../journal/errors';
import { checkPriceBand, type BandDecision, type ReferenceQuote, type VenueState } from '../risk/price-band';
import type { MarketRiskSettings } from '../risk/risk-settings';
import type { CancelResult, OrderRequest, PlaceResult, SentRequest, VenueAdapter } from '../venues/port';
import type { DurableJournal, NewJournalEvent } from './journal-port';
import { validateTicket, type MarketRules } from './validate-ticket';

export interface ReferenceReading extends ReferenceQuote {
  ageMs: number | null;
}

export interface PipelineDeps {
  journal: DurableJournal;
  venue: VenueAdapter;
  clock: Clock;
  market(symbol: string): MarketRules | undefined;
  reference(market: string): ReferenceReading;
  venueState(market: string): VenueState;
  risk(market: string): MarketRiskSettings;
  newClientId(): string;
  /** Told every outcome, after it is journalled. */
  onOutcome?(command: 'order' | 'cancel', outcome: OrderOutcome): void;
}

export interface OrderOutcome extends OrderOutcomeView {
  /** Set once the band allowed the order. */
  decision: BandDecision | null;
}

export class OrderPipeline {
  /** The last outcome of each order entered here, for the tables. */
  readonly outcomes = new Map<string, { outcome: CommandOutcome; reason: string | null; ticket: OrderTicket; size: string | null }>();

  constructor(private readonly deps: PipelineDeps) {}

  preview(ticket: OrderTicket): OrderPreview {
    const { decision, size, invalid, reference } = this.decide(ticket);
    const base = {
      reference: reference.price,
      sourcesFresh: reference.fresh,
      sourcesTotal: reference.total,
      referenceAgeMs: reference.ageMs,
      size,
    };
    if (invalid !== null) {
      const band = this.deps.risk(ticket.market).band;
      return { ...base, allowed: false, reason: invalid, code: 'INVALID_ORDER', band, degraded: false, deviation: null, sendPrice: null };
    }
    return {
      ...base,
      allowed: decision!.allowed,
      reason: decision!.allowed ? null : decision!.reason,
      code: decision!.allowed ? null : decision!.code,
      band: decision!.band,
      degraded: decision!.degraded,
      deviation: decision!.deviation,
      sendPrice: decision!.allowed ? decision!.sendPrice : null,
    };
  }

  async place(ticket: OrderTicket, clientId = this.deps.newClientId(), links: Record<string, unknown> = {}): Promise<OrderOutcome> {
    const { decision, size, invalid, reference, journalDown } = this.decide(ticket);
    if (journalDown) return this.finish(clientId, ticket, size, 'denied', invalid, decision);
    const allowed = invalid === null && decision!.allowed;
    const reason = invalid ?? (decision && !decision.allowed ? decision.reason : null);
    const base = { venue: this.deps.venue.venue, market: ticket.market, clientId };
    try {
      this.deps.journal.appendDurable({
        ...base,
        kind: 'ORDER_INTENT',
        payload: { ...ticket, clientId, size: size ?? ticket.size, requestedSize: ticket.size, ...links, reference, decision: invalid ? { allowed: false, code: 'INVALID_ORDER', reason: invalid } : decision },
      });
      if (!allowed) {
        this.deps.journal.appendDurable({ ...base, kind: 'ORDER_DENIED', payload: { reason } });
        return this.finish(clientId, ticket, size, 'denied', reason, decision);
      }
    } catch (error) {
      if (error instanceof JournalUnavailableError) {
        return this.finish(clientId, ticket, size, 'denied', `no journal, no trade: ${error.message}`, decision);
      }
      throw error;
    }

    const result = await this.deps.venue.placeOrder(toRequest(ticket, clientId, size!, decision!));
    return this.recordPlaceResult(base, ticket, size, decision, result);
  }

  async cancel(clientId: string): Promise<OrderOutcome> {
    const known = this.outcomes.get(clientId);
    const market = known?.ticket.market ?? null;
    const base = { venue: this.deps.venue.venue, market, clientId };
    const intent = this.journalIntent({ ...base, kind: 'CANCEL_INTENT', payload: { clientId } });
    if (intent) return { clientId, outcome: 'denied', reason: intent, decision: null };
    const result = await this.deps.venue.cancelOrder(clientId, market ?? undefined);
    return this.told('cancel', this.recordCancelResult(base, result));
  }

  async cancelAll(market?: string): Promise<OrderOutcome> {
    const base = { venue: this.deps.venue.venue, market: market ?? null, clientId: null };
    const intent = this.journalIntent({ ...base, kind: 'CANCEL_INTENT', payload: { all: true, market: market ?? null } });
    if (intent) return { clientId: null, outcome: 'denied', reason: intent, decision: null };
    const result = await this.deps.venue.cancelAll(market);
    return this.told('cancel', this.recordCancelResult(base, result));
  }

  private decide(ticket: OrderTicket) {
    const reference = this.deps.reference(ticket.market);
    const market = this.deps.market(ticket.market);
    let position: string;
    try {
      position = this.deps.journal.positionSize(ticket.market);
    } catch (error) {
      // Without the journal there is no trade, and nothing to check an order against either.
      if (error instanceof JournalUnavailableError) return { decision: null, size: null, invalid: `no journal, no trade: ${error.message}`, reference, journalDown: true };
      throw error;
    }
    const check = validateTicket(ticket, market, position, reference.price);
    if (!check.ok) return { decision: null, size: null, invalid: check.reason, reference, journalDown: false };
    const decision = checkPriceBand(
      { market: ticket.market, side: ticket.side, type: ticket.type, size: check.size, price: ticket.price, triggerPrice: ticket.triggerPrice, reduceOnly: ticket.reduceOnly },
      reference,
      this.deps.venueState(ticket.market),
      this.deps.risk(ticket.market),
      market!.tickSize,
    );
    return { decision, size: check.size, invalid: null, reference, journalDown: false };
  }

  private journalIntent(event: NewJournalEvent): string | null {
    try {
      this.deps.journal.appendDurable(event);
      return null;
    } catch (error) {
      if (error instanceof JournalUnavailableError) return `no journal, no cancel: ${error.message}`;
      throw error;
    }
  }

  private recordPlaceResult(base: { venue: string; market: string; clientId: string }, ticket: OrderTicket, size: string | null, decision: BandDecision | null, result: PlaceResult): OrderOutcome {
    const { clientId } = base;
    const append = (event: Omit<NewJournalEvent, 'venue'>) => this.appendAfterSend({ ...base, ...event });
    if (result.request) append({ kind: 'ORDER_SENT', payload: requestPayload(result.request) });
    switch (result.outcome) {
      case 'accepted':
        append({ kind: 'ORDER_ACK', venueOrderId: result.venueOrderId, payload: { venueOrderId: result.venueOrderId }, raw: result.raw });
        return this.finish(clientId, ticket, size, 'confirmed', null, decision);
      case 'rejected':
        append({ kind: 'ORDER_REJECT', payload: { code: result.code, message: result.message, httpStatus: result.httpStatus }, raw: result.raw });
        return this.finish(clientId, ticket, size, 'rejected', `${result.code}: ${result.message}`, decision);
      case 'unresolved':
        // No request means no byte reached the venue (unsigned, watch-only): certainly never sent, so denied.
        if (result.request === null) {
          append({ kind: 'ORDER_DENIED', payload: { reason: result.reason } });
          return this.finish(clientId, ticket, size, 'denied', result.reason, decision);
        }
        append({ kind: 'ORDER_UNRESOLVED', payload: { reason: result.reason, httpStatus: result.httpStatus }, raw: result.raw });
        return this.finish(clientId, ticket, size, 'unresolved', result.reason, decision);
    }
  }

  private recordCancelResult(base: { venue: string; market: string | null; clientId: string | null }, result: CancelResult): OrderOutcome {
    const append = (event: Omit<NewJournalEvent, 'venue'>) => this.appendAfterSend({ ...base, ...event });
    switch (result.outcome) {
      case 'accepted':
        append({ kind: 'CANCEL_ACK', payload: requestPayload(result.request), raw: result.raw });
        return { clientId: base.clientId, outcome: 'confirmed', reason: null, decision: null };
      case 'rejected':
        append({ kind: 'CANCEL_REJECT', payload: { ...requestPayload(result.request), code: result.code, message: result.message }, raw: result.raw });
        return { clientId: base.clientId, outcome: 'rejected', reason: `${result.code}: ${result.message}`, decision: null };
      case 'unresolved':
        append({ kind: 'CANCEL_UNRESOLVED', payload: { ...(result.request ? requestPayload(result.request) : { request: null }), reason: result.reason }, raw: result.raw });
        return { clientId: base.clientId, outcome: 'unresolved', reason: `cancel did not go through: ${result.reason}`, decision: null };
    }
  }

  /**
   * Once bytes went to the venue the outcome must still reach the caller even if the journal
   * fails now; the venue's own history lets reconciliation recover what could not be written.
   */
  private appendAfterSend(event: NewJournalEvent): void {
    try {
      this.deps.journal.appendDurable(event);
    } catch (error) {
      if (!(error instanceof JournalUnavailableError)) throw error;
    }
  }

  private finish(clientId: string, ticket: OrderTicket, size: string | null, outcome: CommandOutcome, reason: string | null, decision: BandDecision | null): OrderOutcome {
    this.outcomes.set(clientId, { outcome, reason, ticket, size });
    return this.told('order', { clientId, outcome, reason, decision });
  }

  private told(command: 'order' | 'cancel', outcome: OrderOutcome): OrderOutcome {
    this.deps.onOutcome?.(command, outcome);
    return outcome;
  }
}

/**
 * The request as evidence: method, path and the exact body bytes. The host is the venue's (named
 * on every event); leaving it out keeps a replay's journal free of its loopback port.
 */
function requestPayload(request: SentRequest): { request: string; method: string; path: string; sentAt: number } {
  const url = new URL(request.url);
  return { request: request.body ?? '', method: request.method, path: url.pathname + url.search, sentAt: request.sentAt };
}

function toRequest(ticket: OrderTicket, clientId: string, size: string, decision: BandDecision): OrderRequest {
  const sendPrice = decision.allowed ? decision.sendPrice : null;
  const common = { clientId, market: ticket.market, side: ticket.side, size, reduceOnly: ticket.reduceOnly };
  if (ticket.type === 'MARKET') {
    // A market order goes out as a limit-IOC at the band edge (DESIGN §7); without a reference
    // (a reduce-only close) it goes as the venue's market order.
    return sendPrice ? { ...common, type: 'LIMIT', price: sendPrice, timeInForce: 'IOC' } : { ...common, type: 'MARKET' };
  }
  if (ticket.type === 'LIMIT') return { ...common, type: 'LIMIT', price: ticket.price, timeInForce: ticket.postOnly ? 'POST_ONLY' : 'GTC' };
  return { ...common, type: ticket.type, triggerPrice: ticket.triggerPrice };
}
