/**
 * The scenario's true price: piecewise linear between its points, flat before the first and
 * after the last. Values are rounded to 8 decimal places so that the venue's index and the
 * reference feeds, which both read this path, agree digit for digit.
 */
import Decimal from 'decimal.js';
import type { Scenario } from './types';

export const REFERENCE_DECIMALS = 8;

export interface ReferencePath {
  readonly markets: readonly string[];
  /** The reference price of `market` at epoch ms `t`; throws for a market without a path. */
  referenceAt(market: string, t: number): Decimal;
}

interface Point {
  at: number;
  price: Decimal;
}

export function referencePath(scenario: Pick<Scenario, 'reference'>): ReferencePath {
  const paths = new Map<string, Point[]>();
  for (const [market, points] of Object.entries(scenario.reference)) {
    paths.set(market, points.map((p) => ({ at: p.at, price: new Decimal(p.price) })));
  }
  // The venue's heartbeat and each of the three feeds ask for the same instant: compute it once.
  const last = new Map<string, { t: number; price: Decimal }>();
  return {
    markets: [...paths.keys()],
    referenceAt(market, t) {
      const points = paths.get(market);
      if (!points) throw new Error(`no reference path for market "${market}"`);
      const known = last.get(market);
      if (known?.t === t) return known.price;
      const price = interpolate(points, t);
      last.set(market, { t, price });
      return price;
    },
  };
}

export function interpolate(points: readonly Point[], t: number): Decimal {
  if (t <= points[0].at) return points[0].price;
  for (let i = 1; i < points.length; i++) {
    const b = points[i];
    if (t > b.at) continue;
    const a = points[i - 1];
    const share = new Decimal(t - a.at).div(b.at - a.at);
    return a.price.plus(b.price.minus(a.price).times(share)).toDecimalPlaces(REFERENCE_DECIMALS, Decimal.ROUND_HALF_UP);
  }
  return points[points.length - 1].price;
}
