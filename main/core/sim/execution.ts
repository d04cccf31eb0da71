/** Order transitions and fills: the only places that change orders, fills and the ledger. */
import Decimal from 'decimal.js';
import type { Side } from '../../../shared/domain';
import { applyTrade } from './ledger';
import { ZERO } from './money';
import type { FillType, Liquidity, OrderStatus, SimContext, SimFill, SimOrder } from './model';

export const USER_CANCELED = 'USER_CANCELED';
export const REMAINING_IOC_CANCEL = 'REMAINING_IOC_CANCEL';
export const REDUCE_ONLY_WILL_INCREASE = 'REDUCE_ONLY_WILL_INCREASE';
export const IN_LIQUIDATION = 'IN_LIQUIDATION';
export const ASSET_EXPIRED = 'ASSET_EXPIRED';

export function transition(ctx: SimContext, order: SimOrder, status: OrderStatus): void {
  order.status = status;
  touch(ctx, order);
  ctx.emit({ type: 'order', order });
}

/** CLOSED with no reason means filled; any reason means cancelled. */
export function closeOrder(ctx: SimContext, order: SimOrder, cancelReason: string | null): void {
  order.cancelReason = cancelReason;
  ctx.book.open.delete(order.id);
  transition(ctx, order, 'CLOSED');
}

function touch(ctx: SimContext, order: SimOrder): void {
  order.updatedAt = ctx.clock.now();
  order.seqNo = ctx.ids.seqNo();
}

export interface FillInput {
  orderId: string;
  clientId: string;
  market: string;
  side: Side;
  price: Decimal;
  size: Decimal;
  liquidity: Liquidity;
  fillType: FillType;
  fee: Decimal;
  remainingSize: Decimal;
  orderbookSeqNo: number;
}

/** Books a fill: ledger, fill history and the fill/position/account announcements. */
export function recordFill(ctx: SimContext, input: FillInput): SimFill {
  const now = ctx.clock.now();
  const id = ctx.ids.fillId(now);
  const realizedPnl = applyTrade(ctx.book.ledger, { fillId: id, market: input.market, side: input.side, price: input.price, size: input.size, fee: input.fee, at: now });
  ctx.book.ledger.positions.get(input.market)!.seqNo = ctx.ids.seqNo();
  const market = ctx.markets.get(input.market)!;
  const fill: SimFill = { ...input, id, realizedPnl, underlyingPrice: market.mark, createdAt: now };
  ctx.book.fills.push(fill);
  if (input.fillType === 'FILL') {
    market.lastTraded = input.price;
    market.totalVolume = market.totalVolume.plus(input.price.times(input.size));
  }
  ctx.emit({ type: 'fill', fill });
  ctx.emit({ type: 'position', market: input.market });
  ctx.emit({ type: 'account' });
  return fill;
}

/** Fills part or all of an order against the market maker, at `price`. */
export function fillOrder(ctx: SimContext, order: SimOrder, price: Decimal, size: Decimal, liquidity: Liquidity): SimFill {
  const market = ctx.markets.get(order.market)!;
  const rate = liquidity === 'MAKER' ? market.spec.makerFee : market.spec.takerFee;
  order.remaining = order.remaining.minus(size);
  order.filledNotional = order.filledNotional.plus(price.times(size));
  touch(ctx, order);
  return recordFill(ctx, {
    orderId: order.id,
    clientId: order.clientId,
    market: order.market,
    side: order.side,
    price,
    size,
    liquidity,
    fillType: 'FILL',
    fee: rate.times(price).times(size),
    remainingSize: order.remaining,
    orderbookSeqNo: ++market.orderbookSeq,
  });
}

/** How much of `order` may fill now: all of it, or for reduce-only at most what closes the position. */
export function fillableSize(ctx: SimContext, order: SimOrder): Decimal {
  if (!order.reduceOnly) return order.remaining;
  return Decimal.min(order.remaining, reducibleSize(ctx, order.market, order.side));
}

/** The size an order on `side` can take off the current position without increasing or flipping it. */
export function reducibleSize(ctx: SimContext, market: string, side: Side): Decimal {
  const size = ctx.book.ledger.positions.get(market)?.size ?? ZERO;
  const reduces = side === 'BUY' ? size.lt(0) : size.gt(0);
  return reduces && !size.isZero() ? size.abs() : ZERO;
}

/** Cancels the reduce-only orders of `market` that can no longer reduce (position closed or flipped). */
export function sweepReduceOnly(ctx: SimContext, market: string): void {
  for (const order of [...ctx.book.open.values()]) {
    if (order.market !== market || !order.reduceOnly) continue;
    if (reducibleSize(ctx, market, order.side).isZero()) closeOrder(ctx, order, REDUCE_ONLY_WILL_INCREASE);
  }
}

export function openOrdersOf(ctx: SimContext, market: string, status: OrderStatus): SimOrder[] {
  return [...ctx.book.open.values()].filter((o) => o.market === market && o.status === status);
}
