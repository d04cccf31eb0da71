/**
 * The monitor (DESIGN §9): watches what the venue says as it is journalled — status, height,
 * prices, order closures, liquidation fills — turns contradictions into findings, groups them
 * into incidents and asks for reconciliation when the venue's story may have changed.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { Finding, IncidentView } from '../../../shared/incidents';
import type { IncidentBook } from '../incidents/incident-book';
import type { FillRow } from '../journal/projections';
import type { Reconciler } from '../reconcile/reconciler';
import { FAILED_TRANSACTION_STATES, type VenueAccount, type VenueEvent, type VenueFill, type VenueOrder, type VenueTransaction } from '../venues/port';
import { HeightWatch } from './height-watch';
import { judgeLiquidation, type HeldPosition } from './liquidation-check';
import { MessageWatch } from './message-watch';
import { PriceWatch } from './price-watch';
import { TriggerWatch } from './trigger-watch';

/** The journal's row for a fill it just recorded, as its projection holds it. */
function fillRow(fill: VenueFill, record: JournalEvent): FillRow {
  return {
    venue: record.venue, fillId: fill.fillId, clientId: fill.clientId, venueOrderId: fill.venueOrderId, market: fill.market, side: fill.side,
    price: fill.price, size: fill.size, fee: fill.fee, liquidity: fill.liquidity, fillType: fill.fillType, realizedPnl: fill.realizedPnl,
    busted: false, seq: record.seq, bustSeq: null,
  };
}

/** Cancels that are the order's own logic or the trader's, not the venue overriding them. */
const OWN_CANCELS = new Set(['USER_CANCELED', 'REMAINING_IOC_CANCEL', 'POST_ONLY_WOULD_CROSS', 'REDUCE_ONLY_WILL_INCREASE']);

export interface MonitorDeps {
  incidents: IncidentBook;
  reconciler: Reconciler;
  now(): number;
  /** Positions as the venue last reported them, before the event being judged. */
  positions(): HeldPosition[];
  referencePrice(market: string): string | null;
  referenceEvidence(market: string): number[];
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
  private readonly liquidationIncidents = new Map<string, IncidentView>();

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
      case 'fill':
        this.deps.reconciler.sawFill(fillRow(event.fill, record), event.at);
        if (event.fill.fillType === 'LIQUIDATION') this.onLiquidation(event.fill, event.at, record.seq);
        else this.onFill(event.fill, event.at, record.seq);
        return;
      case 'trade_bust':
        this.deps.reconciler.sawBust(event.bust.bustedFillId);
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

  /** Reconciliation found fills the venue no longer has: a liquidation among them is undone. */
  onFindings(findings: Finding[]): void {
    for (const f of findings) {
      const incident = this.deps.incidents.add(f);
      if (f.kind !== 'FILL_REVERSED') continue;
      const liquidation = this.liquidationIncidents.get(String(f.detail.fillId));
      if (liquidation) this.deps.incidents.markReversed(liquidation, incident, f.evidence);
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

  private onFill(fill: VenueFill, at: number, seq: number): void {
    const reference = this.deps.referencePrice(fill.market);
    const verdict = this.triggers.judgeFill(fill.clientId, reference);
    if (!verdict) return;
    this.deps.incidents.add({
      kind: 'UNEXPECTED_TRIGGER', market: fill.market, clientIds: [verdict.clientId], at, detectedAt: at,
      evidence: [seq, ...this.deps.referenceEvidence(fill.market)],
      summary: `${verdict.clientId} triggered at ${verdict.trigger} and filled ${fill.size} at ${fill.price}, but the independent price came no nearer than ${verdict.nearest}`,
      detail: { fillId: fill.fillId, side: fill.side, price: fill.price, size: fill.size, fee: fill.fee, reference, trigger: verdict.trigger, nearest: verdict.nearest },
    });
  }

  private onLiquidation(fill: VenueFill, at: number, seq: number): void {
    const reference = this.deps.referencePrice(fill.market);
    const verdict = judgeLiquidation(this.account?.value.totalCollateral ?? null, this.deps.positions(), this.deps.referencePrice, this.deps.maintenanceMargin);
    if (verdict.verdict === 'consistent') return;
    const evidence = [seq, ...(this.account ? [this.account.seq] : []), ...this.deps.referenceEvidence(fill.market)];
    const base = { market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], at, detectedAt: at, evidence };
    const detail = { fillId: fill.fillId, side: fill.side, price: fill.price, size: fill.size, fee: fill.fee, reference };
    const incident =
      verdict.verdict === 'unverifiable'
        ? this.deps.incidents.add({
            ...base, kind: 'UNVERIFIABLE_LIQUIDATION',
            summary: `liquidated ${fill.size} ${fill.market} at ${fill.price}; cannot check it: ${verdict.missing}`,
            detail: { ...detail, missing: verdict.missing },
          })
        : this.deps.incidents.add({
            ...base, kind: 'UNEXPECTED_LIQUIDATION',
            summary: `liquidated ${fill.size} ${fill.market} at ${fill.price} while the account, valued at the independent price ${reference}, had equity ${verdict.equity} above the maintenance requirement ${verdict.requirement}`,
            detail: { ...detail, equity: verdict.equity, requirement: verdict.requirement },
          });
    this.liquidationIncidents.set(fill.fillId, incident);
  }

  private take(verdict: ReturnType<PriceWatch['onMark']>, market: string, at: number): void {
    for (const f of verdict.findings) this.deps.incidents.add(f);
    for (const kind of verdict.ended) {
      const episode = this.deps.incidents.openEpisode(kind, market);
      if (episode) this.deps.incidents.close(episode, at, kind === 'PRICE_DIVERGENCE' ? 'venue mark back within the limit' : 'venue mark moving again');
    }
  }
}
