/** The bundle's tabular files: orders, fills and price samples as CSV, decimals exactly as stored. */
import type { JournalEvent } from '../../../shared/domain';
import type { FillRow, OrderRow } from '../journal/journal';
import { toCsv } from './csv';

const iso = (ms: number): string => new Date(ms).toISOString();

export function ordersCsv(orders: readonly OrderRow[]): string {
  return toCsv(
    ['client_id', 'venue', 'market', 'side', 'type', 'size', 'price', 'trigger_price', 'post_only', 'reduce_only', 'venue_order_id', 'state', 'reason', 'remaining_size', 'filled_size', 'cancel_state', 'cancel_reason', 'intent_seq', 'last_seq'],
    orders.map((o) => [o.clientId, o.venue, o.market, o.side, o.type, o.size, o.price, o.triggerPrice, o.postOnly, o.reduceOnly, o.venueOrderId, o.state, o.reason, o.remainingSize, o.filledSize, o.cancelState, o.cancelReason, o.intentSeq, o.lastSeq]),
  );
}

export function fillsCsv(fills: readonly FillRow[]): string {
  return toCsv(
    ['fill_id', 'client_id', 'venue_order_id', 'venue', 'market', 'side', 'price', 'size', 'fee', 'liquidity', 'fill_type', 'realized_pnl', 'busted', 'seq', 'bust_seq'],
    fills.map((f) => [f.fillId, f.clientId, f.venueOrderId, f.venue, f.market, f.side, f.price, f.size, f.fee, f.liquidity, f.fillType, f.realizedPnl, f.busted, f.seq, f.bustSeq]),
  );
}

interface SamplePayload {
  source?: string;
  price?: string;
  markPrice?: string | null;
  indexPrice?: string | null;
}

/** One row per sample: the venue's mark and index, or one independent source's price. */
export function pricesCsv(prices: readonly JournalEvent[], labels: ReadonlyMap<number, string[]>): string {
  return toCsv(
    ['seq', 'at', 'market', 'source', 'venue_mark', 'venue_index', 'reference_price', 'around'],
    prices.map((e) => {
      const p = e.payload as SamplePayload;
      const isVenue = e.venue !== 'reference';
      return [e.seq, iso(e.at), e.market, isVenue ? `${e.venue} (venue)` : p.source ?? null, isVenue ? p.markPrice ?? null : null, isVenue ? p.indexPrice ?? null : null, isVenue ? null : p.price ?? null, (labels.get(e.seq) ?? []).join(' ')];
    }),
  );
}
