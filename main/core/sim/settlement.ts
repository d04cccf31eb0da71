/**
 * settle (DESIGN §12): the market is settled at a final price — open orders in it are
 * cancelled (ASSET_EXPIRED), the position is closed at that price with fill_type
 * SETTLE_MARKET and no fee, and the market accepts no more orders.
 */
import type Decimal from 'decimal.js';
import { ASSET_EXPIRED, closeOrder, recordFill } from './execution';
import { refreshMarket } from './market-maker';
import { ZERO } from './money';
import type { MarketState, SimContext } from './model';

export function settleMarket(ctx: SimContext, market: MarketState, price: Decimal): void {
  const symbol = market.spec.symbol;
  market.settled = true;
  market.override = null;
  market.frozen = true;
  market.oracle = price;
  refreshMarket(market, ctx.clock.now());
  ctx.emit({ type: 'summary', market: symbol });
  for (const order of [...ctx.book.open.values()]) if (order.market === symbol) closeOrder(ctx, order, ASSET_EXPIRED);
  const position = ctx.book.ledger.positions.get(symbol);
  if (!position || position.size.isZero()) return;
  const size = position.size.abs();
  recordFill(ctx, {
    orderId: ctx.ids.orderId(ctx.clock.now()),
    clientId: ctx.ids.settlementClientId(),
    market: symbol,
    side: position.size.gt(0) ? 'SELL' : 'BUY',
    price,
    size,
    liquidity: 'TAKER',
    fillType: 'SETTLE_MARKET',
    fee: ZERO,
    remainingSize: ZERO,
    orderbookSeqNo: 0,
  });
}
