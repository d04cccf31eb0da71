/**
 * Liquidation (DESIGN §12): when equity < maintenance requirement at the mark, the account's
 * open orders are cancelled and every position is closed at the mark, charging
 * liquidationFee × notional, with fill_type LIQUIDATION and a venue-given client id.
 */
import { closeOrder, IN_LIQUIDATION, recordFill } from './execution';
import { isLiquidatable } from './margin';
import { ZERO } from './money';
import type { SimContext } from './model';

/** Returns whether the account was liquidated. */
export function checkLiquidation(ctx: SimContext): boolean {
  const { ledger } = ctx.book;
  if (![...ledger.positions.values()].some((p) => !p.size.isZero())) return false;
  if (!isLiquidatable(ledger, ctx.markets)) return false;

  ctx.accountStatus = 'LIQUIDATION';
  ctx.emit({ type: 'account' });
  for (const order of [...ctx.book.open.values()]) closeOrder(ctx, order, IN_LIQUIDATION);
  for (const position of [...ledger.positions.values()]) {
    if (position.size.isZero()) continue;
    const market = ctx.markets.get(position.market)!;
    const size = position.size.abs();
    recordFill(ctx, {
      orderId: ctx.ids.orderId(ctx.clock.now()),
      clientId: ctx.ids.liquidationClientId(),
      market: position.market,
      side: position.size.gt(0) ? 'SELL' : 'BUY',
      price: market.mark,
      size,
      liquidity: 'TAKER',
      fillType: 'LIQUIDATION',
      fee: market.spec.liquidationFee.times(market.mark).times(size),
      remainingSize: ZERO,
      // Paradex reports 0 for position transfers such as liquidations.
      orderbookSeqNo: 0,
    });
  }
  ctx.accountStatus = 'ACTIVE';
  ctx.emit({ type: 'account' });
  return true;
}
