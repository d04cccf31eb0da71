/**
 * What the venue currently looks like to the terminal, folded from adapter events: its mode,
 * our connection, positions and open orders. Only what the venue told us; nothing is derived.
 */
import type { OrderTicket } from '../../../shared/contract';
import type { CommandOutcome, VenueStatus } from '../../../shared/domain';
import type { ConnectionState, LinkView, OrderView, PositionView } from '../../../shared/snapshot';
import type { VenueAccount, VenueEvent, VenueMode, VenueOrder } from '../venues/port';
import { classifyLinkFailure } from '../venues/link-problem';

export interface LocalOutcome {
  outcome: CommandOutcome;
  reason: string | null;
  size: string | null;
  ticket: OrderTicket;
}

const OPEN_STATUSES = new Set(['NEW', 'UNTRIGGERED', 'OPEN']);

function orderView(order: VenueOrder): OrderView {
  return {
    clientId: order.clientId ?? order.venueOrderId,
    venueOrderId: order.venueOrderId,
    market: order.market,
    side: order.side,
    type: order.type,
    size: order.size,
    remainingSize: order.remainingSize,
    price: order.price,
    triggerPrice: order.triggerPrice,
    state: order.status,
    outcome: null,
    reason: order.cancelReason,
  };
}

function linkOf(event: Extract<VenueEvent, { kind: 'connection' }>): LinkView {
  if (event.state === 'up') return { problem: null, summary: null, detail: null, attempt: 0, nextRetryAt: null };
  const ours = classifyLinkFailure(event.reason);
  return {
    problem: ours?.problem ?? null,
    summary: ours?.summary ?? `The venue closed the link: ${event.reason}`,
    detail: event.reason,
    attempt: event.attempt,
    nextRetryAt: event.retryInMs === null ? null : event.at + event.retryInMs,
  };
}

export class VenueView {
  status: VenueStatus = 'degraded';
  since: number | null = null;
  connection: ConnectionState = 'connecting';
  /** The venue's own last word on its mode; null until it answered. */
  venueMode: VenueMode | null = null;
  /** Our inference: the chain stands still although the venue says ok. */
  halted = false;
  /** The venue's last account figures; null until it sent them. */
  account: VenueAccount | null = null;
  /** Our link as we last saw it: why it is down (our side named) and when the next attempt starts. */
  link: LinkView = { problem: null, summary: null, detail: null, attempt: 0, nextRetryAt: null };
  private readonly positions = new Map<string, PositionView>();
  private readonly orders = new Map<string, OrderView>();

  /** Applies one adapter event; returns true when anything the snapshot shows changed. */
  apply(event: VenueEvent): boolean {
    switch (event.kind) {
      case 'status':
        this.venueMode = event.status;
        return this.derive(event.at);
      case 'connection': {
        const next: ConnectionState = event.state === 'up' ? 'connected' : 'disconnected';
        const changed = next !== this.connection;
        this.connection = next;
        this.link = linkOf(event);
        // Every failed attempt moves the attempt count and the next retry: the status bar shows both.
        return this.derive(event.at) || changed || event.state === 'down';
      }
      case 'position': {
        const p = event.position;
        if (p.status === 'CLOSED' || /^-?0*(\.0*)?$/.test(p.size)) return this.positions.delete(p.market);
        this.positions.set(p.market, { market: p.market, size: p.size, entryPrice: p.averageEntryPrice, unrealizedPnl: p.unrealizedPnl, liquidationPrice: p.liquidationPrice, fundingPaid: p.fundingPaid ?? null });
        return true;
      }
      case 'account':
        this.account = event.account;
        return true;
      case 'order': {
        const view = orderView(event.order);
        if (OPEN_STATUSES.has(event.order.status)) this.orders.set(view.clientId, view);
        else this.orders.delete(view.clientId);
        return true;
      }
      default:
        return false;
    }
  }

  setHalted(halted: boolean, at: number): boolean {
    this.halted = halted;
    return this.derive(at);
  }

  /** A mode a rejection named (e.g. SYSTEM_STATUS_POST_ONLY) is the venue's word too. */
  setVenueMode(mode: VenueMode, at: number): boolean {
    this.venueMode = mode;
    return this.derive(at);
  }

  /**
   * Without a stream we cannot tell what the venue is doing (degraded); a chain standing still
   * is a halt whatever the venue says; otherwise the venue's own word.
   */
  private derive(at: number): boolean {
    const status: VenueStatus = this.connection === 'disconnected' || this.venueMode === null ? 'degraded' : this.halted ? 'halted' : this.venueMode;
    if (status === this.status) return false;
    this.status = status;
    this.since = at;
    return true;
  }

  positionList(): PositionView[] {
    return [...this.positions.values()].sort((a, b) => a.market.localeCompare(b.market));
  }

  /**
   * Open orders as the venue reports them, with our own outcome beside each; orders whose outcome
   * is still unresolved are listed too, so a trader sees what did not go through.
   */
  openOrderList(outcomes: ReadonlyMap<string, LocalOutcome>): OrderView[] {
    const list = [...this.orders.values()].map((o) => {
      const local = outcomes.get(o.clientId);
      return local ? { ...o, outcome: local.outcome } : o;
    });
    for (const [clientId, local] of outcomes) {
      if (local.outcome !== 'unresolved' || this.orders.has(clientId)) continue;
      const t = local.ticket;
      list.push({
        clientId, venueOrderId: null, market: t.market, side: t.side, type: t.type, size: local.size ?? t.size, remainingSize: null,
        price: t.price ?? null, triggerPrice: t.triggerPrice ?? null, state: 'UNKNOWN', outcome: 'unresolved', reason: local.reason,
      });
    }
    return list;
  }
}
