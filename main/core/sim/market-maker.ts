/** The simulated market maker: one bid and one ask around the mark, with unlimited size. */
import Decimal from 'decimal.js';
import { ceilToStep, floorToStep } from './money';
import type { MarketState } from './model';

export const NORMAL_SPREAD = new Decimal('0.0002');
/** During liquidityDrain the maker quotes far away (500 bps). */
export const DRAINED_SPREAD = new Decimal('0.05');

/** bid/ask at mark × (1 ∓ spread/2), rounded outwards to the tick so the touch is a valid price. */
export function quote(mark: Decimal, spread: Decimal, tick: Decimal): { bid: Decimal; ask: Decimal } {
  const half = spread.div(2);
  return {
    bid: floorToStep(mark.times(Decimal.sub(1, half)), tick),
    ask: ceilToStep(mark.times(half.plus(1)), tick),
  };
}

/** Sets the mark from override/oracle and requotes. */
export function refreshMarket(m: MarketState, now: number): void {
  m.mark = m.override ?? m.oracle;
  const { bid, ask } = quote(m.mark, m.drained ? DRAINED_SPREAD : NORMAL_SPREAD, m.spec.tickSize);
  m.bid = bid;
  m.ask = ask;
  m.updatedAt = now;
}
