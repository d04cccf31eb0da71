/**
 * The monitor (DESIGN §9): watches what the venue says as it is journalled — status, height,
 * prices, order closures, liquidation fills — turns contradictions into findings, groups them
 * into incidents and asks for reconciliation when the venue's story may have changed.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { Finding, IncidentView } from '../../../shared/incidents';
import type { IncidentBook } from '../incidents/incident-book';
import type { FillRow, OrderRow } from '../journal/projections';
import { finding } from '../reconcile/compare';
import { readPrice, readReference } from '../risk/price-value';
import type { Reconciler } from '../reconcile/reconciler';
import { FAILED_TRANSACTION_STATES, type VenueAccount, type VenueEvent, type VenueFill, type VenueOrder, type VenueTransaction } from '../venues/port';
import { HeightWatch } from './height-watch';
import { judgeLiquidation, type HeldPosition } from './liquidation-check';
import { MessageWatch } from './message-watch';
import { PriceWatch } from './price-watch';
import { TriggerWatch, type TriggerVerdict } from './trigger-watch';

/** Auto-deleveraging, as the dialects name it (Hyperliquid against another's liquidation, dYdX both sides). */
const ADL_FILL_TYPES: ReadonlySet<string> = new Set(['DELEVERAGE', 'OFFSETTING']);

/** Incidents that carry a loss on one fill: they stand only while the fill does. */
const LOSS_KINDS: ReadonlySet<string> = new Set(['UNEXPECTED_LIQUIDATION', 'UNEXPECTED_TRIGGER', 'UNVERIFIABLE_LIQUIDATION', 'ADL']);

/** Cancels that are the order's own logic or the trader's, not the venue overriding them. */
const OWN_CANCELS = new Set(['USER_CANCELED', 'REMAINING_IOC_CANCEL', 'POST_ONLY_WOULD_CROSS', 'REDUCE_ONLY_WILL_INCREASE']);

export interface MonitorDeps {
  incidents: IncidentBook;
  reconciler: Reconciler;
  now(): number;
  /** Positions as the venue last reported them, before the event being judged. */
  positions(): HeldPosition[];
  /** The account's collateral and positions as the journal last saw them before a past moment. */
  accountAt(at: number): { totalCollateral: string; seq: number } | null;
  positionsAt(at: number): HeldPosition[];
  referencePrice(market: string): string | null;
  referenceEvidence(market: string): number[];
  /** The independent price at a moment (the live one for now, the journalled or backfilled one for the past). */
  referenceAt(market: string, at: number): { price: string | null; evidence: number[] };
  /** The account's order, for judging a fill caught up after a gap. */
  order(clientId: string): OrderRow | null;
  /** The account's fill as the journal holds it. */
  fill(fillId: string): FillRow | null;
  maintenanceMargin(market: string): string | null;
  /** The venue's own last word on its mode. */
  venueSaysOk(): boolean;
  setHalted(halted: boolean, at: number): void;
  /** Why the journal last saw this order closed. */
  closeReason(clientId: string): string | null;
}

export class Monitor {
  readonly heights = new HeightWatch();
  readonly prices = new PriceWatch();
  readonly triggers = new TriggerWatch();
  readonly messages = new MessageWatch();
  private account: { value: VenueAccount; seq: number } | null = null;

  constructor(private readonly deps: MonitorDeps) {}

  onVenueEvent(event: VenueEvent, record: JournalEvent | null): void {
    if (!record) return;
    switch (event.kind) {
      case 'account':
        this.account = { value: event.account, seq: record.seq };
        return;
      case 'chain_height':
        return this.onHeight(event.height, event.at, record.seq);
      case 'price':
        return this.take(this.prices.onMark(event.price.market, event.price.markPrice, event.at, record.seq), event.price.market, event.at);
      case 'order':
        this.triggers.onOrder(event.order);
        return this.onOrder(event.order, event.at, record.seq);
      case 'fill': {
        // A fact caught up after a gap is judged at its own time, not at the price now.
        const at = event.via === 'rest' || event.via === 'backfill' ? (event.fill.venueAt ?? event.at) : event.at;
        if (event.fill.fillType === 'LIQUIDATION' || ADL_FILL_TYPES.has(event.fill.fillType)) this.onVenueClose(event.fill, at, event.at, record.seq);
        else this.onFill(event.fill, at, event.at, record.seq);
        return;
      }
      case 'trade_bust':
        this.onBust(event.bust.bustedFillId, event.at, record);
        void this.deps.reconciler.request('trade bust');
        return;
      case 'transaction':
        return this.onTransaction(event.transaction, event.at, record.seq);
      case 'malformed':
      case 'venue_error': {
        const finding = this.messages.onProblem(event, record.seq);
        if (finding) this.deps.incidents.add(finding);
        return;
      }
      default:
        return;
    }
  }

  /** The chain refused what the venue matched: the fill it settles is about to be reversed. */
  private onTransaction(transaction: VenueTransaction, at: number, seq: number): void {
    if (!FAILED_TRANSACTION_STATES.has(transaction.state)) return;
    this.deps.incidents.add({
      kind: 'SETTLEMENT_FAILED', market: null, clientIds: [], at: transaction.venueAt ?? at, detectedAt: at, evidence: [seq],
      summary: `The venue's ${transaction.type} transaction for ${transaction.id} was ${transaction.state} on chain`,
      detail: { id: transaction.id, type: transaction.type, state: transaction.state, hash: transaction.hash },
    });
    void this.deps.reconciler.request(`transaction ${transaction.state}`);
  }

  onReference(market: string, price: string | null, at: number): void {
    this.triggers.onReference(market, price);
    this.take(this.prices.onReference(market, price, at, this.deps.referenceEvidence(market)), market, at);
  }

  /** A command that got no clear answer while the chain stands still is part of that stall. */
  onUnresolved(clientId: string, seq: number): void {
    const stall = this.deps.incidents.openEpisode('HEIGHT_STALL', null);
    if (stall) this.deps.incidents.affect(stall, clientId, seq);
  }

  /** Reconciliation found fills the venue no longer has: a loss judged on one of them is undone. */
  onFindings(findings: Finding[]): void {
    for (const f of findings) {
      const incident = this.deps.incidents.add(f);
      if (f.kind === 'FILL_REVERSED') this.reverseLosses(String(f.detail.fillId), incident, f.evidence);
    }
  }

  /**
   * Venue cancels a rollback took back are marked reversed: every order they named is live at
   * the venue again, or has since been closed for another reason (restored, then closed anew).
   */
  onReconciled(reopened: string[], evidence: number[]): void {
    const rollback = this.deps.incidents.latest('ROLLBACK');
    if (!rollback) return;
    for (const incident of this.deps.incidents.list()) {
      if (incident.kind !== 'VENUE_CANCEL' || incident.reversedBy !== null || incident.openedAt > rollback.detectedAt) continue;
      const reason = incident.findings[0].detail.reason;
      const undone = incident.clientIds.every((id) => reopened.includes(id) || this.deps.closeReason(id) !== reason);
      if (undone) this.deps.incidents.markReversed(incident, rollback, evidence);
    }
  }

  private onHeight(height: number, at: number, seq: number): void {
    const { findings, stallEnded } = this.heights.observe({ height, at, seq }, this.deps.venueSaysOk());
    for (const f of findings) {
      this.deps.incidents.add(f);
      if (f.kind === 'HEIGHT_STALL') this.deps.setHalted(true, at);
      if (f.kind === 'HEIGHT_REGRESSION') void this.deps.reconciler.request('height regression');
    }
    if (stallEnded) {
      const stall = this.deps.incidents.openEpisode('HEIGHT_STALL', null);
      if (stall) this.deps.incidents.close(stall, at, `new block at height ${height}`);
      this.deps.setHalted(false, at);
    }
  }

  private onOrder(order: VenueOrder, at: number, seq: number): void {
    if (order.status !== 'CLOSED' || !order.cancelReason || OWN_CANCELS.has(order.cancelReason)) return;
    this.deps.incidents.add({
      kind: 'VENUE_CANCEL', market: order.market, clientIds: order.clientId ? [order.clientId] : [], at, detectedAt: at, evidence: [seq],
      summary: `the venue cancelled ${order.clientId ?? order.venueOrderId} (${order.type} ${order.side} ${order.size}): ${order.cancelReason}`,
      detail: { reason: order.cancelReason, type: order.type },
    });
  }

  /**
   * A stop or take-profit fill: judged against the reference the trigger watch followed while the
   * order waited; for a fill caught up after a gap, against the reference at the fill's own time.
   */
  private onFill(fill: VenueFill, at: number, detectedAt: number, seq: number): void {
    const past = at !== detectedAt;
    const reference = this.deps.referenceAt(fill.market, at);
    const verdict = past ? this.caughtUpTrigger(fill, reference.price) : this.triggers.judgeFill(fill.clientId, reference.price);
    if (!verdict) return;
    this.deps.incidents.add({
      kind: 'UNEXPECTED_TRIGGER', market: fill.market, clientIds: [verdict.clientId], at, detectedAt,
      evidence: [seq, ...reference.evidence],
      summary: `${verdict.clientId} triggered at ${verdict.trigger} and filled ${fill.size} at ${fill.price}, but the independent price came no nearer than ${verdict.nearest}`,
      detail: { fillId: fill.fillId, side: fill.side, price: fill.price, size: fill.size, fee: fill.fee, reference: reference.price, trigger: verdict.trigger, nearest: verdict.nearest },
    });
  }

  /** A trigger order's fill found after a gap: the reference at the fill's time had not reached the trigger. */
  private caughtUpTrigger(fill: VenueFill, reference: string | null): TriggerVerdict | null {
    const order = fill.clientId ? this.deps.order(fill.clientId) : null;
    if (!order || order.triggerPrice === null || !/^(STOP|TAKE_PROFIT)/.test(order.type)) return null;
    const ref = readReference(reference);
    const trigger = readPrice(order.triggerPrice);
    if (ref === null || trigger === null) return null;
    const falling = (order.side === 'SELL') === order.type.startsWith('STOP');
    const reached = falling ? ref.lte(trigger) : ref.gte(trigger);
    return reached ? null : { clientId: order.clientId as string, trigger: trigger.toString(), nearest: ref.toString() };
  }

  /**
   * A position the venue closed itself — a liquidation of ours, or auto-deleveraging against
   * someone else's — valued at the independent price at that moment.
   */
  private onVenueClose(fill: VenueFill, at: number, detectedAt: number, seq: number): void {
    const reference = this.deps.referenceAt(fill.market, at);
    // A liquidation caught up after a gap is judged on the account as the journal last saw it before then.
    const past = at !== detectedAt;
    const account = past ? this.deps.accountAt(at) : this.account && { totalCollateral: this.account.value.totalCollateral, seq: this.account.seq };
    const evidence = [seq, ...(account ? [account.seq] : []), ...reference.evidence];
    const base = { market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], at, detectedAt, evidence };
    const detail = { fillId: fill.fillId, side: fill.side, price: fill.price, size: fill.size, fee: fill.fee, reference: reference.price };
    if (ADL_FILL_TYPES.has(fill.fillType)) {
      this.deps.incidents.add({
        ...base, kind: 'ADL',
        summary: reference.price === null
          ? `auto-deleveraged ${fill.size} ${fill.market} at ${fill.price}; no independent price for that moment`
          : `auto-deleveraged ${fill.size} ${fill.market} at ${fill.price} while the independent price was ${reference.price}`,
        detail,
      });
      return;
    }
    const verdict = judgeLiquidation(
      account?.totalCollateral ?? null, past ? this.deps.positionsAt(at) : this.deps.positions(),
      (market) => (market === fill.market ? reference.price : this.deps.referenceAt(market, at).price), this.deps.maintenanceMargin,
    );
    if (verdict.verdict === 'consistent') return;
    if (verdict.verdict === 'unverifiable') {
      this.deps.incidents.add({
        ...base, kind: 'UNVERIFIABLE_LIQUIDATION',
        summary: `liquidated ${fill.size} ${fill.market} at ${fill.price}; cannot check it: ${verdict.missing}`,
        detail: { ...detail, missing: verdict.missing },
      });
      return;
    }
    this.deps.incidents.add({
      ...base, kind: 'UNEXPECTED_LIQUIDATION',
      summary: `liquidated ${fill.size} ${fill.market} at ${fill.price} while the account, valued at the independent price ${reference.price}, had equity ${verdict.equity} above the maintenance requirement ${verdict.requirement}`,
      detail: { ...detail, equity: verdict.equity, requirement: verdict.requirement },
    });
  }

  /** The venue busted a fill the journal held: it is reversed, and any loss judged on it no longer stands. */
  private onBust(fillId: string, at: number, record: JournalEvent): void {
    const fill = this.deps.fill(fillId);
    if (!fill) return;
    const incident = this.deps.incidents.add(finding('FILL_REVERSED', at, {
      market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], evidence: [fill.seq, record.seq],
      summary: `the venue busted fill ${fill.fillId} (${fill.side} ${fill.size} at ${fill.price}${fill.fillType !== 'FILL' ? `, ${fill.fillType}` : ''})`,
      detail: { fillId: fill.fillId, fillType: fill.fillType, price: fill.price, size: fill.size, side: fill.side, realizedPnl: fill.realizedPnl, fee: fill.fee, reason: 'bust' },
    }));
    this.reverseLosses(fillId, incident, [record.seq]);
  }

  /** Loss incidents judged on a fill that no longer stands are marked reversed: a claim counts only standing fills. */
  private reverseLosses(fillId: string, by: IncidentView, evidence: number[]): void {
    for (const incident of this.deps.incidents.list()) {
      if (!LOSS_KINDS.has(incident.kind) || incident.reversedBy !== null) continue;
      if (incident.findings.some((f) => f.detail.fillId === fillId)) this.deps.incidents.markReversed(incident, by, evidence);
    }
  }

  private take(verdict: ReturnType<PriceWatch['onMark']>, market: string, at: number): void {
    for (const f of verdict.findings) this.deps.incidents.add(f);
    for (const kind of verdict.ended) {
      const episode = this.deps.incidents.openEpisode(kind, market);
      if (episode) this.deps.incidents.close(episode, at, kind === 'PRICE_DIVERGENCE' ? 'venue mark back within the limit' : 'venue mark moving again');
    }
  }
}
