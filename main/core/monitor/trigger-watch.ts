/**
 * Stop-loss and take-profit orders against the independent price (DESIGN §9): a trigger that
 * executed although the reference never reached its trigger price is UNEXPECTED_TRIGGER.
 * For each live trigger order the reference's extremes since it was placed are kept.
 */
import type Decimal from 'decimal.js';
import { readPrice, readReference } from '../risk/price-value';
import type { VenueOrder } from '../venues/port';

interface Watched {
  order: VenueOrder;
  low: Decimal | null;
  high: Decimal | null;
  /** Closed orders stay until judged: the venue may report the closure before the fill. */
  closed: boolean;
}

export interface TriggerVerdict {
  clientId: string;
  trigger: string;
  /** The nearest the reference came to the trigger while the order waited. */
  nearest: string | null;
}

/** True when the order fires as the price falls to its trigger (sell stops, buy take-profits). */
const firesFalling = (o: VenueOrder) => (o.side === 'SELL') === o.type.startsWith('STOP');

export class TriggerWatch {
  private readonly watched = new Map<string, Watched>();

  onOrder(order: VenueOrder): void {
    if (!order.clientId || order.triggerPrice === null || !/^(STOP|TAKE_PROFIT)/.test(order.type)) return;
    const known = this.watched.get(order.clientId);
    if (known) known.closed = order.status === 'CLOSED';
    else if (order.status !== 'CLOSED') this.watched.set(order.clientId, { order, low: null, high: null, closed: false });
  }

  onReference(market: string, price: string | null): void {
    // A reference of 0 or below is no independent price: it must not count as having reached a trigger.
    const p = readReference(price);
    if (p === null) return;
    for (const w of this.watched.values()) {
      if (w.order.market !== market || w.closed) continue;
      w.low = w.low === null || p.lt(w.low) ? p : w.low;
      w.high = w.high === null || p.gt(w.high) ? p : w.high;
    }
  }

  /** For a fill of a watched trigger order: null when the reference did reach the trigger. */
  judgeFill(clientId: string | null, referenceNow: string | null): TriggerVerdict | null {
    const w = clientId ? this.watched.get(clientId) : undefined;
    if (!w) return null;
    this.watched.delete(clientId!);
    const p = readReference(referenceNow);
    if (p !== null) {
      w.low = w.low === null || p.lt(w.low) ? p : w.low;
      w.high = w.high === null || p.gt(w.high) ? p : w.high;
    }
    const trigger = readPrice(w.order.triggerPrice);
    if (trigger === null) return null;
    const falling = firesFalling(w.order);
    const nearest = falling ? w.low : w.high;
    if (nearest === null) return null;
    const reached = falling ? nearest.lte(trigger) : nearest.gte(trigger);
    return reached ? null : { clientId: clientId!, trigger: trigger.toString(), nearest: nearest.toString() };
  }
}
