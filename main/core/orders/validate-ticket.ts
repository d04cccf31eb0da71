/**
 * Checks a ticket against the market's rules before any band check: the venue's tick and step
 * (a price off the tick is refused, never rounded), the fields each order type needs, and
 * reduce-only sanity against the journal's own position.
 */
import Decimal from 'decimal.js';
import type { OrderTicket } from '../../../shared/contract';

export interface MarketRules {
  symbol: string;
  tickSize: string;
  stepSize: string;
}

export type TicketCheck = { ok: true; size: string } | { ok: false; reason: string };

const isMultiple = (value: Decimal, step: string) => value.mod(step).isZero();
const TRIGGERED = new Set(['STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET']);

export function validateTicket(ticket: OrderTicket, market: MarketRules | undefined, position: string, referencePrice: string | null): TicketCheck {
  if (!market) return { ok: false, reason: `unknown market ${ticket.market}` };
  if (ticket.type === 'LIMIT' && ticket.price === undefined) return { ok: false, reason: 'a limit order needs a price' };
  if (ticket.type !== 'LIMIT' && ticket.price !== undefined) return { ok: false, reason: `a ${ticket.type} order takes no limit price` };
  if (TRIGGERED.has(ticket.type) && ticket.triggerPrice === undefined) return { ok: false, reason: `a ${ticket.type} order needs a trigger price` };
  if (!TRIGGERED.has(ticket.type) && ticket.triggerPrice !== undefined) return { ok: false, reason: `a ${ticket.type} order takes no trigger price` };
  if (ticket.postOnly && ticket.type !== 'LIMIT') return { ok: false, reason: 'only a limit order can be post-only' };

  for (const [name, value] of [['price', ticket.price], ['trigger price', ticket.triggerPrice]] as const) {
    if (value === undefined) continue;
    const price = new Decimal(value);
    if (price.lte(0)) return { ok: false, reason: `${name} must be positive` };
    if (!isMultiple(price, market.tickSize)) return { ok: false, reason: `${name} ${value} is not a multiple of the tick ${market.tickSize}` };
  }

  let size = new Decimal(ticket.size);
  if (ticket.sizeUnit === 'quote') {
    const price = ticket.price ?? ticket.triggerPrice ?? referencePrice;
    if (price === null) return { ok: false, reason: 'no price to convert the notional into a size (no independent price)' };
    // A notional converts to the largest whole number of steps it pays for.
    size = size.div(price).div(market.stepSize).toDecimalPlaces(0, Decimal.ROUND_FLOOR).times(market.stepSize);
  }
  if (size.lte(0)) return { ok: false, reason: 'size must be positive' };
  if (!isMultiple(size, market.stepSize)) return { ok: false, reason: `size ${size.toString()} is not a multiple of the step ${market.stepSize}` };

  if (ticket.reduceOnly) {
    const held = new Decimal(position);
    if (held.isZero()) return { ok: false, reason: 'reduce-only with no position to reduce' };
    const reduces = ticket.side === 'SELL' ? held.gt(0) : held.lt(0);
    if (!reduces) return { ok: false, reason: `reduce-only ${ticket.side} would not reduce a ${held.gt(0) ? 'long' : 'short'} position` };
  }
  return { ok: true, size: size.toString() };
}
