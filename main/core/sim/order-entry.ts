/**
 * Order entry as Paradex's POST /orders and DELETE /orders… see it: validation, admission by
 * venue status, the reduce-only / post-only / margin rules, then immediate execution.
 *
 * Deliberate simplification: rules that live Paradex reports by accepting an order and closing
 * it at once (POST_ONLY_WOULD_CROSS, NOT_ENOUGH_MARGIN, REDUCE_ONLY_WILL_INCREASE) are answered
 * here as a synchronous 400 with that string as the error code, so the order never exists.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { ORDER_TYPES, SIDES } from '../../../shared/domain';
import type { ScenarioVenueStatus } from '../scenario/types';
import { admit } from './acceptance';
import { simError, type SimResult } from './errors';
import { closeOrder, REMAINING_IOC_CANCEL, reducibleSize, transition, USER_CANCELED } from './execution';
import { equity, requirement } from './margin';
import { crossesBook, executeAsTaker } from './matching';
import { isMultipleOf, ZERO } from './money';
import type { Instruction, SimContext, SimOrder } from './model';
import { isTriggerType } from './triggers';

export interface Gate {
  status: ScenarioVenueStatus;
  halted: boolean;
}

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string');

/** The body of Paradex's POST /v1/orders; signature fields are accepted and not checked. */
export const orderRequestSchema = z.object({
  market: z.string().min(1),
  side: z.enum(SIDES),
  type: z.enum(ORDER_TYPES),
  size: decimalString,
  price: decimalString.optional(),
  trigger_price: decimalString.optional(),
  instruction: z.enum(['GTC', 'IOC', 'POST_ONLY']).optional(),
  flags: z.array(z.string()).optional(),
  client_id: z.string().max(64).optional(),
});

export type OrderRequest = z.input<typeof orderRequestSchema>;

const TIMEOUT_MESSAGE = 'the venue did not answer in time';

export function placeOrder(ctx: SimContext, gate: Gate, body: unknown): SimResult<SimOrder> {
  if (gate.halted) return simError('TIMEOUT', TIMEOUT_MESSAGE, 504);
  const parsed = orderRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return simError('VALIDATION_ERROR', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const req = parsed.data;
  const market = ctx.markets.get(req.market);
  if (!market) return simError('MARKET_NOT_FOUND', `unknown market ${req.market}`);
  const { spec } = market;

  const size = new Decimal(req.size);
  if (!size.gt(0) || !isMultipleOf(size, spec.stepSize)) {
    return simError('INVALID_ORDER_SIZE', `size ${req.size} must be a positive multiple of ${spec.stepSize.toFixed()}`);
  }
  const instruction: Instruction = req.instruction ?? 'GTC';
  const trigger = isTriggerType(req.type);
  const price = req.type === 'LIMIT' ? new Decimal(req.price ?? '0') : null;
  if (price && (!price.gt(0) || !isMultipleOf(price, spec.tickSize))) {
    return simError('VALIDATION_ERROR', `price must be a positive multiple of ${spec.tickSize.toFixed()} for a LIMIT order`);
  }
  const triggerPrice = trigger ? new Decimal(req.trigger_price ?? '0') : null;
  if (triggerPrice && (!triggerPrice.gt(0) || !isMultipleOf(triggerPrice, spec.tickSize))) {
    return simError('VALIDATION_ERROR', `trigger_price must be a positive multiple of ${spec.tickSize.toFixed()} for a ${req.type} order`);
  }
  if (instruction === 'POST_ONLY' && req.type !== 'LIMIT') return simError('VALIDATION_ERROR', 'only a LIMIT order can be POST_ONLY');

  const refused = admit(gate.status, { kind: 'place', postOnly: instruction === 'POST_ONLY' });
  if (refused) return { ok: false, error: refused };
  if (market.settled) return simError('MARKET_NOT_OPEN', `${req.market} is settled`);
  const clientId = req.client_id ?? '';
  if (clientId && ctx.book.byClientId.has(clientId)) return simError('DUPLICATED_CLIENT_ID', `client_id ${clientId} is already used`);

  const flags = (req.flags ?? []).filter((f) => f === 'REDUCE_ONLY' || f.startsWith('STOP_CONDITION_'));
  const reduceOnly = flags.includes('REDUCE_ONLY');
  if (reduceOnly && reducibleSize(ctx, req.market, req.side).isZero()) {
    return simError('REDUCE_ONLY_WILL_INCREASE', 'a reduce-only order must reduce the current position');
  }
  if (instruction === 'POST_ONLY' && crossesBook({ side: req.side, price }, market)) {
    return simError('POST_ONLY_WOULD_CROSS', `a post-only ${req.side} at ${req.price} would cross the book`);
  }
  if (!reduceOnly && !hasMargin(ctx, req.market, req.side === 'BUY' ? size : size.neg())) {
    return simError('NOT_ENOUGH_MARGIN', 'not enough free collateral for this order');
  }

  const now = ctx.clock.now();
  const order: SimOrder = {
    id: ctx.ids.orderId(now),
    clientId,
    market: req.market,
    side: req.side,
    type: req.type,
    instruction,
    flags,
    reduceOnly,
    size,
    remaining: size,
    price,
    triggerPrice,
    status: 'NEW',
    cancelReason: null,
    filledNotional: ZERO,
    seqNo: ctx.ids.seqNo(),
    createdAt: now,
    updatedAt: now,
  };
  ctx.book.orders.set(order.id, order);
  ctx.book.open.set(order.id, order);
  if (clientId) ctx.book.byClientId.set(clientId, order.id);
  const accepted = { ...order, flags: [...flags] };
  ctx.emit({ type: 'order', order });

  if (trigger) {
    transition(ctx, order, 'UNTRIGGERED');
  } else if (req.type === 'MARKET' || crossesBook(order, market)) {
    executeAsTaker(ctx, order);
  } else if (instruction === 'IOC') {
    closeOrder(ctx, order, REMAINING_IOC_CANCEL);
  } else {
    transition(ctx, order, 'OPEN');
  }
  return { ok: true, value: accepted };
}

/** Only positions count (not other open orders): equity must cover initial margin after a full fill. */
function hasMargin(ctx: SimContext, market: string, signedSize: Decimal): boolean {
  const { ledger } = ctx.book;
  const current = ledger.positions.get(market)?.size ?? ZERO;
  const after = requirement(ledger, ctx.markets, 'initialMargin', { market, size: current.plus(signedSize) });
  if (after.lte(requirement(ledger, ctx.markets, 'initialMargin'))) return true;
  return equity(ledger, ctx.markets).gte(after);
}

export type OrderRef = { id: string } | { clientId: string };

export function cancelOrder(ctx: SimContext, gate: Gate, ref: OrderRef): SimResult<SimOrder> {
  if (gate.halted) return simError('TIMEOUT', TIMEOUT_MESSAGE, 504);
  const refused = admit(gate.status, { kind: 'cancel' });
  if (refused) return { ok: false, error: refused };
  const order = findOrder(ctx, ref);
  if (!order) {
    return 'id' in ref
      ? simError('ORDER_ID_NOT_FOUND', `order ${ref.id} not found`, 404)
      : simError('CLIENT_ORDER_ID_NOT_FOUND', `client order ${ref.clientId} not found`, 404);
  }
  if (order.status === 'CLOSED') return simError('ORDER_IS_CLOSED', `order ${order.id} is already closed`);
  closeOrder(ctx, order, USER_CANCELED);
  return { ok: true, value: order };
}

export function cancelAll(ctx: SimContext, gate: Gate, market?: string): SimResult<SimOrder[]> {
  if (gate.halted) return simError('TIMEOUT', TIMEOUT_MESSAGE, 504);
  const refused = admit(gate.status, { kind: 'cancel' });
  if (refused) return { ok: false, error: refused };
  if (market !== undefined && !ctx.markets.has(market)) return simError('MARKET_NOT_FOUND', `unknown market ${market}`);
  const cancelled = [...ctx.book.open.values()].filter((o) => market === undefined || o.market === market);
  for (const order of cancelled) closeOrder(ctx, order, USER_CANCELED);
  return { ok: true, value: cancelled };
}

export function findOrder(ctx: SimContext, ref: OrderRef): SimOrder | undefined {
  const id = 'id' in ref ? ref.id : ctx.book.byClientId.get(ref.clientId);
  return id === undefined ? undefined : ctx.book.orders.get(id);
}
