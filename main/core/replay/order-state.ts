/**
 * One order's end state for the replay report (DESIGN §12), from the journal's own projection:
 * what we decided, what the venue last said, and why it closed.
 */
import Decimal from 'decimal.js';
import type { OrderRow } from '../journal/projections';

export type ReportOrderState =
  | 'FILLED' | 'OPEN' | 'CANCELLED_BY_USER' | 'CANCELLED_BY_VENUE' | 'REJECTED' | 'DENIED' | 'UNRESOLVED' | 'VANISHED';

export interface ReportOrder {
  clientId: string;
  state: ReportOrderState;
  reason?: string;
}

const USER_CANCEL = 'USER_CANCELED';

/** `reversedFills`: how many of the order's fills the venue busted or a rollback took back. */
export function reportOrder(clientId: string, row: OrderRow | undefined, reversedFills = 0): ReportOrder {
  if (!row) return { clientId, state: 'UNRESOLVED', reason: 'no record of this order in the journal' };
  const reason = row.reason ?? undefined;
  switch (row.state) {
    case 'denied':
      return { clientId, state: 'DENIED', reason };
    case 'rejected':
      return { clientId, state: 'REJECTED', reason };
    case 'intent':
    case 'sent':
    case 'unresolved':
      return { clientId, state: 'UNRESOLVED', reason };
    case 'acked':
    case 'NEW':
    case 'UNTRIGGERED':
    case 'OPEN':
      return { clientId, state: 'OPEN' };
    case 'CLOSED':
      return closedOrder(clientId, row, reversedFills);
    default:
      return { clientId, state: 'UNRESOLVED', reason: `unknown state ${row.state}` };
  }
}

function closedOrder(clientId: string, row: OrderRow, reversedFills: number): ReportOrder {
  const filled = new Decimal(row.filledSize);
  const cancelReason = row.reason;
  // An IOC remainder cancelled after a fill is still a filled order (partly, if so).
  if (filled.gt(0) && (!cancelReason || cancelReason === 'REMAINING_IOC_CANCEL')) {
    const partial = filled.lt(row.size) ? { reason: `filled ${filled.toString()} of ${row.size}` } : {};
    return { clientId, state: 'FILLED', ...partial };
  }
  if (cancelReason === USER_CANCEL) return { clientId, state: 'CANCELLED_BY_USER' };
  if (!cancelReason && reversedFills > 0) {
    return { clientId, state: 'CANCELLED_BY_VENUE', reason: `filled, then the venue reversed ${reversedFills === 1 ? 'its fill' : `its ${reversedFills} fills`} (bust or rollback)` };
  }
  return { clientId, state: 'CANCELLED_BY_VENUE', reason: cancelReason ?? 'closed by the venue without a fill or a reason' };
}
