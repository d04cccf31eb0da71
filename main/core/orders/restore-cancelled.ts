/**
 * Re-places orders the venue cancelled (DESIGN §9): each gets a new client id linked to the
 * original and goes through the whole pipeline, band check at the current reference included.
 * Each original is restored once.
 */
import type { OrderType } from '../../../shared/domain';
import type { OrderRow } from '../journal/projections';
import type { OrderOutcome, OrderPipeline } from './order-pipeline';
import { ticketOf } from './ticket-of';

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
    // Only our own orders are ours to place again; one placed elsewhere is the trader's other tool's.
    if (row.origin !== 'own' || row.clientId === null || !venueCancelled(row) || alreadyRestored.has(row.clientId)) continue;
    const outcome = await pipeline.place(ticketOf({ ...row, type: row.type as OrderType }), `${row.clientId}-R`, { restoredFrom: row.clientId });
    restored.push({ ...outcome, restoredFrom: row.clientId });
  }
  return restored;
}
