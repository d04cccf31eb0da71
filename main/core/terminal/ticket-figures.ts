/**
 * What an order would cost and do, for the ticket (computed here, shown there): its value, the
 * initial margin it adds, the fee it would pay, and the account's leverage and the position's
 * liquidation price (at the independent reference) once it filled at the price it assumes.
 */
import Decimal from 'decimal.js';
import type { OrderTicket } from '../../../shared/contract';
import type { OrderPreview, TicketFigures } from '../../../shared/orders';
import { formatPercent, formatPrice } from '../../../shared/format';
import type { PositionView } from '../../../shared/snapshot';
import { cashOf, holdingsOf, liquidationAtReference, type FigureInputs, type Holding } from './account-figures';

const places = (d: Decimal, n: number) => d.toDecimalPlaces(n).toString();

function orderPrice(ticket: OrderTicket, preview: OrderPreview): Decimal | null {
  const price = ticket.type === 'LIMIT' ? ticket.price : ticket.type === 'MARKET' ? (preview.sendPrice ?? preview.reference) : (ticket.triggerPrice ?? preview.reference);
  return price ? new Decimal(price) : null;
}

/** A resting limit that does not cross the mark pays the maker fee; anything that takes liquidity pays the taker fee. */
function feeKind(ticket: OrderTicket, price: Decimal, mark: string | null): 'maker' | 'taker' {
  if (ticket.type !== 'LIMIT') return 'taker';
  if (ticket.postOnly || mark === null) return 'maker';
  const crosses = ticket.side === 'BUY' ? price.gte(mark) : price.lte(mark);
  return crosses ? 'taker' : 'maker';
}

/** The position after the fill: sizes add; entry averages when it grows, stays when it shrinks, resets when it flips. */
function after(held: Holding | undefined, market: string, delta: Decimal, price: Decimal): Holding | null {
  const size = (held?.size ?? new Decimal(0)).plus(delta);
  if (size.isZero()) return null;
  if (!held || held.size.isZero() || held.size.isNeg() !== size.isNeg()) return { market, size, entry: price };
  if (size.abs().lte(held.size.abs())) return { ...held, size };
  const entry = held.size.times(held.entry).plus(delta.times(price)).div(size);
  return { market, size, entry };
}

export function ticketFigures(ticket: OrderTicket, preview: OrderPreview, inputs: FigureInputs): TicketFigures | null {
  if (preview.size === null) return null;
  const price = orderPrice(ticket, preview);
  if (price === null || price.lte(0)) return null;
  const size = new Decimal(preview.size);
  const market = inputs.market(ticket.market);
  const value = size.times(price);
  const delta = ticket.side === 'BUY' ? size : size.neg();
  const holdings = holdingsOf(inputs.positions);
  const held = holdings.find((h) => h.market === ticket.market);
  const heldSize = held?.size ?? new Decimal(0);
  // Only the part that leaves the position larger than it was asks for margin.
  const increase = Decimal.max(0, heldSize.plus(delta).abs().minus(heldSize.abs()));
  const imf = market?.initialMargin ? new Decimal(market.initialMargin) : null;
  const kind = feeKind(ticket, price, inputs.mark(ticket.market));
  const rate = kind === 'maker' ? market?.makerFee : market?.takerFee;
  const fee = rate ? value.times(rate) : null;

  const next = after(held, ticket.market, delta, price);
  const others = holdings.filter((h) => h.market !== ticket.market);
  const nextHoldings = next ? [...others, next] : others;
  const equity = inputs.account ? new Decimal(inputs.account.accountValue).minus(fee ?? 0) : null;
  let notional: Decimal | null = new Decimal(0);
  for (const h of nextHoldings) {
    const mark = h.market === ticket.market ? price : inputs.mark(h.market);
    notional = mark === null || notional === null ? null : notional.plus(h.size.abs().times(mark));
  }
  const cash = cashOf(inputs.account, inputs.positions);
  const liquidation = next ? liquidationAtReference(ticket.market, nextHoldings, cash === null ? null : cash.minus(fee ?? 0), inputs) : null;
  return {
    currency: inputs.currency,
    price: price.toString(),
    orderValue: places(value, 8),
    marginRequired: imf ? places(increase.times(price).times(imf), 8) : null,
    feeEstimate: fee ? places(fee, 8) : null,
    feeKind: kind,
    leverageAfter: equity && equity.gt(0) && notional !== null ? places(notional.div(equity), 4) : null,
    liquidationAfter: liquidation ? places(liquidation, 8) : null,
  };
}

const SHORT: Record<string, string> = {
  NO_REFERENCE: 'No independent price',
  PRICE_DIVERGENCE: 'Venue mark off the reference',
  OUTSIDE_BAND: 'Outside the price band',
  SIZE_CAP: 'Above the size cap',
  NOTIONAL_CAP: 'Above the notional cap',
  INVALID_ORDER: 'Order not valid',
};

/** A few words for the disabled button (the full reason is behind "?"). */
export function shortReason(preview: OrderPreview, watchOnly: boolean, status: string): string | null {
  if (watchOnly) return 'Watch only: no orders from here';
  if (preview.allowed) return status === 'maintenance' || status === 'cancel_only' ? `Venue ${status.replace('_', '-')}` : null;
  if (preview.code === 'INVALID_ORDER' && preview.reason) return capitalise(preview.reason.replace(/ [0-9a-f]{8}-[0-9a-f-]{27}/g, ''));
  return SHORT[preview.code ?? ''] ?? 'Blocked';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Main's whole reasoning for the ticket, one line per fact, for the "?". */
export function explanation(preview: OrderPreview, status: string, positions: readonly PositionView[], market: string, tick?: string): string[] {
  const lines: string[] = [];
  if (preview.reference) lines.push(`Independent reference ${formatPrice(preview.reference, tick)}: median of ${preview.sourcesFresh} of ${preview.sourcesTotal} public sources${preview.referenceAgeMs === null ? '' : `, the oldest ${(preview.referenceAgeMs / 1000).toFixed(1)} s old`}.`);
  else lines.push(`No independent reference: ${preview.sourcesFresh} of ${preview.sourcesTotal} sources are fresh; only reduce-only orders may go.`);
  lines.push(`Band in force: ±${formatPercent(preview.band)} around the reference${preview.degraded ? ', tightened while the venue is degraded or just reopened' : ''}.`);
  if (preview.deviation !== null) lines.push(`This order's price is ${formatPercent(preview.deviation, { signed: true })} from the reference.`);
  if (preview.sendPrice) lines.push(`Main would send it at ${formatPrice(preview.sendPrice, tick)}.`);
  const held = positions.find((p) => p.market === market);
  lines.push(held ? `Position held in ${market}: ${held.size}.` : `No position held in ${market}.`);
  lines.push(`Venue status: ${status}.`);
  lines.push(preview.allowed ? 'Decision: allowed.' : `Decision: blocked (${preview.code}) — ${preview.reason}.`);
  return lines;
}
