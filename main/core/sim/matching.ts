/**
 * Matching against the market maker (DESIGN §12): a MARKET order or a crossing LIMIT fills at
 * once at the touch (taker fee); a resting LIMIT fills at its own price once the mark reaches it
 * (maker fee).
 */
import {
  closeOrder,
  fillableSize,
  fillOrder,
  openOrdersOf,
  REDUCE_ONLY_WILL_INCREASE,
  REMAINING_IOC_CANCEL,
  sweepReduceOnly,
} from './execution';
import type { MarketState, SimContext, SimOrder } from './model';

/** Whether a LIMIT order at its price would trade against the maker's quote now. */
export function crossesBook(order: Pick<SimOrder, 'side' | 'price'>, market: MarketState): boolean {
  if (!order.price) return false;
  return order.side === 'BUY' ? order.price.gte(market.ask) : order.price.lte(market.bid);
}

/** Executes at the touch; whatever cannot fill is cancelled (IOC semantics). */
export function executeAsTaker(ctx: SimContext, order: SimOrder): void {
  const market = ctx.markets.get(order.market)!;
  const size = fillableSize(ctx, order);
  if (size.gt(0)) fillOrder(ctx, order, order.side === 'BUY' ? market.ask : market.bid, size, 'TAKER');
  if (order.remaining.isZero()) closeOrder(ctx, order, null);
  else closeOrder(ctx, order, order.reduceOnly ? REDUCE_ONLY_WILL_INCREASE : REMAINING_IOC_CANCEL);
  sweepReduceOnly(ctx, order.market);
}

/** Fills every resting LIMIT of `market` that the mark has reached, in creation order. */
export function fillRestingLimits(ctx: SimContext, market: MarketState): void {
  for (const order of openOrdersOf(ctx, market.spec.symbol, 'OPEN')) {
    if (order.status !== 'OPEN' || order.type !== 'LIMIT' || !order.price) continue;
    const reached = order.side === 'BUY' ? market.mark.lte(order.price) : market.mark.gte(order.price);
    if (!reached) continue;
    const size = fillableSize(ctx, order);
    if (size.gt(0)) fillOrder(ctx, order, order.price, size, 'MAKER');
    if (order.remaining.isZero()) closeOrder(ctx, order, null);
    sweepReduceOnly(ctx, order.market);
  }
}
