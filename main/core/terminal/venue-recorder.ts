/**
 * Journals what the venue says, with the raw message that said it. Order updates, fills, busts,
 * status and connection changes commit durably; high-rate samples (prices, positions, account,
 * height) are group-committed.
 */
import Decimal from 'decimal.js';
import type { EventKind, JournalEvent } from '../../../shared/domain';
import { JournalInputError } from '../journal/errors';
import type { OrderRow } from '../journal/projections';
import type { NewJournalEvent } from '../orders/journal-port';
import { FAILED_TRANSACTION_STATES, type VenueEvent } from '../venues/port';
import { PriceSampler } from './price-sampling';

export interface RecordingJournal {
  append(event: NewJournalEvent, options: { durable: boolean }): JournalEvent;
  /** Whether the account holds this venue fill (committed or not), and whether it still counts. */
  knownFill(venue: string, fillId: string): { busted: boolean } | null;
  /** The account's order, ours by client id or any by venue order id. */
  knownOrder(clientId: string | null, venueOrderId: string | null): OrderRow | null;
}

interface Mapped {
  kind: EventKind;
  durable: boolean;
  market?: string | null;
  clientId?: string | null;
  venueOrderId?: string | null;
  payload: unknown;
}

/** The journal's payloads leave absent fields out rather than carrying null. */
function withoutNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as Partial<T>;
}

function map(event: VenueEvent): Mapped {
  switch (event.kind) {
    case 'status':
      return { kind: 'VENUE_STATUS', durable: true, payload: { status: event.status, source: 'venue' } };
    case 'price':
      return { kind: 'PRICE_SAMPLE', durable: false, market: event.price.market, payload: { source: 'venue', ...event.price } };
    case 'order': {
      const { order } = event;
      return { kind: 'VENUE_ORDER_UPDATE', durable: true, market: order.market, clientId: order.clientId || null, venueOrderId: order.venueOrderId, payload: { ...withoutNulls(order), source: event.via ?? 'ws' } };
    }
    case 'fill': {
      const { fill } = event;
      return { kind: 'FILL', durable: true, market: fill.market, clientId: fill.clientId || null, venueOrderId: fill.venueOrderId, payload: { ...withoutNulls(fill), source: event.via ?? 'ws' } };
    }
    case 'position':
      return { kind: 'POSITION_SNAPSHOT', durable: false, market: event.position.market, payload: event.position };
    case 'account':
      return { kind: 'ACCOUNT_SNAPSHOT', durable: false, payload: event.account };
    case 'transaction': {
      // A failed settlement is evidence of a reversal to come; the routine states are group-committed.
      const failed = FAILED_TRANSACTION_STATES.has(event.transaction.state);
      return { kind: 'TRANSACTION_STATE', durable: failed, payload: withoutNulls(event.transaction) };
    }
    case 'trade_bust':
      return { kind: 'TRADE_BUST', durable: true, payload: { fillId: event.bust.bustedFillId, ...withoutNulls(event.bust), source: event.via ?? 'ws' } };
    case 'chain_height':
      // Every reading counts, unchanged ones too: a height standing still is the evidence of a halt.
      return { kind: 'CHAIN_HEIGHT', durable: false, payload: { height: event.height } };
    case 'funding': {
      const { funding } = event;
      return { kind: 'FUNDING_PAYMENT', durable: true, market: funding.market, payload: withoutNulls(funding) };
    }
    case 'schema_drift':
      // A notice, not an error: the message was read; the venue changed what it sends.
      return { kind: 'SCHEMA_DRIFT', durable: false, payload: { source: event.source, message: event.message, field: event.field, change: event.change } };
    case 'malformed':
      return { kind: 'MALFORMED_MESSAGE', durable: true, payload: { source: event.source, problem: event.problem } };
    case 'venue_error':
      return { kind: 'VENUE_ERROR', durable: false, payload: { source: event.source, reason: event.reason } };
    case 'connection':
      return { kind: 'CONNECTION', durable: true, payload: { state: event.state, reason: event.reason, attempt: event.attempt, retryInMs: event.retryInMs } };
  }
}

export class VenueRecorder {
  private lastStatus: string | null = null;
  private readonly marks = new PriceSampler();

  constructor(
    private readonly journal: RecordingJournal,
    private readonly venue: string,
  ) {}

  /**
   * Journals the event unless the journal already knows it; returns the stored record. This is
   * the one door for venue facts (DESIGN §2.8): a fill or bust from the stream, a REST look-up or
   * a backfill is journalled once, by its venue identity; a REST order state only when it says
   * something the journal does not hold yet.
   */
  record(event: VenueEvent): JournalEvent | null {
    if (this.known(event)) return null;
    if (event.kind === 'status') {
      // The venue is polled every few seconds; its answer is evidence when it changes.
      if (event.status === this.lastStatus) return null;
      this.lastStatus = event.status;
    }
    if (event.kind === 'price') {
      if (!this.marks.take(event.price.market, event.price.markPrice, event.at)) return null;
    }
    try {
      return this.append(event, map(event));
    } catch (error) {
      if (!(error instanceof JournalInputError) || event.kind === 'malformed') throw error;
      // The journal refuses some venue events as they are (an order placed outside Blackbox may
      // carry no client id, which order records require). The message is still evidence.
      const source = event.kind === 'venue_error' ? event.source : 'rest';
      const problem = `not journaled as ${event.kind}: ${error.message}`;
      return this.append(event, { kind: 'MALFORMED_MESSAGE', durable: true, payload: { source, problem } });
    }
  }

  private known(event: VenueEvent): boolean {
    switch (event.kind) {
      case 'fill':
        return this.journal.knownFill(this.venue, event.fill.fillId) !== null;
      case 'trade_bust': {
        const fill = this.journal.knownFill(this.venue, event.bust.bustedFillId);
        // A stream bust of a fill never seen is still evidence; a REST one adds nothing.
        return fill ? fill.busted : event.via === 'rest' || event.via === 'backfill';
      }
      case 'order': {
        if (event.via === undefined || event.via === 'ws') return false;
        const row = this.journal.knownOrder(event.order.clientId, event.order.venueOrderId);
        return row !== null && row.state === event.order.status && row.remainingSize !== null && new Decimal(row.remainingSize).eq(event.order.remainingSize);
      }
      default:
        return false;
    }
  }

  private append(event: VenueEvent, mapped: Mapped): JournalEvent {
    // A fact caught up over REST can be asked again; the reconcile run that follows commits it durably.
    const durable = mapped.durable && (event.via === undefined || event.via === 'ws');
    return this.journal.append(
      {
        venue: this.venue,
        kind: mapped.kind,
        market: mapped.market ?? null,
        clientId: mapped.clientId ?? null,
        venueOrderId: mapped.venueOrderId ?? null,
        venueAt: event.venueAt,
        payload: mapped.payload,
        raw: event.raw,
      },
      { durable },
    );
  }
}
