/**
 * Cross-margin arithmetic at the venue's mark (DESIGN §12): equity = collateral + unrealized
 * PnL; the account is liquidatable when equity < Σ maintenanceMargin × |size| × mark.
 */
import Decimal from 'decimal.js';
import { ZERO } from './money';
import type { Ledger, MarketState, SimPosition } from './model';

type Markets = ReadonlyMap<string, MarketState>;

export function unrealizedPnl(position: SimPosition, mark: Decimal): Decimal {
  return position.size.times(mark.minus(position.averageEntryPrice));
}

export function equity(ledger: Ledger, markets: Markets): Decimal {
  let total = ledger.collateral;
  for (const p of ledger.positions.values()) total = total.plus(unrealizedPnl(p, markets.get(p.market)!.mark));
  return total;
}

/** Σ fraction × |size| × mark; `sizeOverride` prices a hypothetical size for one market. */
export function requirement(
  ledger: Ledger,
  markets: Markets,
  kind: 'initialMargin' | 'maintenanceMargin',
  sizeOverride?: { market: string; size: Decimal },
): Decimal {
  let total = ZERO;
  const seen = new Set<string>();
  for (const p of ledger.positions.values()) {
    const size = sizeOverride?.market === p.market ? sizeOverride.size : p.size;
    total = total.plus(marginOf(markets.get(p.market)!, kind, size));
    seen.add(p.market);
  }
  if (sizeOverride && !seen.has(sizeOverride.market)) {
    total = total.plus(marginOf(markets.get(sizeOverride.market)!, kind, sizeOverride.size));
  }
  return total;
}

function marginOf(m: MarketState, kind: 'initialMargin' | 'maintenanceMargin', size: Decimal): Decimal {
  return m.spec[kind].times(size.abs()).times(m.mark);
}

export function isLiquidatable(ledger: Ledger, markets: Markets): boolean {
  return equity(ledger, markets).lt(requirement(ledger, markets, 'maintenanceMargin'));
}

/**
 * The mark of `market` at which the account would reach maintenance, other marks held still:
 * C' + s·(m − e) = f·|s|·m + R'  ⇒  m = (R' − C' + s·e) / (s − f·|s|). Null when none exists.
 */
export function liquidationPrice(ledger: Ledger, markets: Markets, market: string): Decimal | null {
  const position = ledger.positions.get(market);
  if (!position || position.size.isZero()) return null;
  let others = ledger.collateral;
  let othersRequirement = ZERO;
  for (const p of ledger.positions.values()) {
    if (p.market === market) continue;
    const m = markets.get(p.market)!;
    others = others.plus(unrealizedPnl(p, m.mark));
    othersRequirement = othersRequirement.plus(marginOf(m, 'maintenanceMargin', p.size));
  }
  const s = position.size;
  const f = markets.get(market)!.spec.maintenanceMargin;
  const denominator = s.minus(f.times(s.abs()));
  if (denominator.isZero()) return null;
  const price = othersRequirement.minus(others).plus(s.times(position.averageEntryPrice)).div(denominator);
  return price.gt(0) ? price.toDecimalPlaces(8, Decimal.ROUND_HALF_UP) : null;
}
