/**
 * Re-places orders the venue cancelled (DESIGN §9): each gets a new client id linked to the
 * original and goes through the whole pipeline, band check at the current reference included.
 * Each original is restored once.
 */
import type { OrderTicket } from '../../../shared/contract';
import type { OrderType } from '../../../shared/domain';
import type { OrderRow } from '../journal/projections';
import type { OrderOutcome, OrderPipeline } from './order-pipeline';

const USER_CANCEL = 'USER_CANCELED';
/** Cancels that are the order's own logic, not the venue overriding the trader. */
const NOT_RESTORABLE = new Set([USER_CANCEL, 'REMAINING_IOC_CANCEL', 'POST_ONLY_WOULD_CROSS']);

export function venueCancelled(row: OrderRow): boolean {
  return row.state === 'CLOSED' && row.reason !== null && !NOT_RESTORABLE.has(row.reason) && row.filledSize === '0';
}

export interface RestoredOrder extends OrderOutcome {
  restoredFrom: string;
}

export async function restoreCancelled(rows: OrderRow[], pipeline: OrderPipeline, alreadyRestored: ReadonlySet<string>): Promise<RestoredOrder[]> {
  const restored: RestoredOrder[] = [];
  for (const row of rows) {
    if (!venueCancelled(row) || alreadyRestored.has(row.clientId)) continue;
    const ticket: OrderTicket = {
      market: row.market,
      side: row.side,
      type: row.type as OrderType,
      size: row.size,
      sizeUnit: 'base',
      postOnly: row.postOnly,
      reduceOnly: row.reduceOnly,
      ...(row.price === null ? {} : { price: row.price }),
      ...(row.triggerPrice === null ? {} : { triggerPrice: row.triggerPrice }),
    };
    const outcome = await pipeline.place(ticket, `${row.clientId}-R`, { restoredFrom: row.clientId });
    restored.push({ ...outcome, restoredFrom: row.clientId });
  }
  return restored;
}
