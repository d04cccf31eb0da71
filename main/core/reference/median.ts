/**
 * The independent reference price (DESIGN §7): the median of the fresh samples, one per source,
 * and only when enough sources are fresh. Exact decimal arithmetic; no float ever touches a price.
 */
import Decimal from 'decimal.js';
import type { DecimalString } from '../../../shared/domain';
import type { ReferenceSample } from './sample';

/** Wide enough that halving the sum of two prices is exact. */
const Exact = Decimal.clone({ precision: 100 });

export interface QuorumRule {
  /** A sample is fresh while it is younger than this (ms). */
  stalenessMs: number;
  /** Fresh sources needed for a price. */
  quorum: number;
  /** Sources configured, for "n of total" wording. */
  total: number;
}

export const DEFAULT_STALENESS_MS = 5_000;
export const DEFAULT_QUORUM = 2;

export interface ReferenceQuote {
  market: string;
  at: number;
  price: DecimalString | null;
  /** The fresh sources (the ones the price is the median of, when there is one). */
  sources: string[];
  total: number;
  /** Age of the oldest fresh sample, null when none is fresh. */
  oldestAgeMs: number | null;
  /** Why there is no price; null when there is one. */
  reason: string | null;
}

/** `samples` may hold several per source and stale ones; the newest of each source counts. */
export function referenceQuote(market: string, samples: readonly ReferenceSample[], now: number, rule: QuorumRule): ReferenceQuote {
  const newest = new Map<string, ReferenceSample>();
  for (const sample of samples) {
    if (sample.market !== market) continue;
    const known = newest.get(sample.source);
    if (!known || sample.receivedAt > known.receivedAt) newest.set(sample.source, sample);
  }
  const fresh = [...newest.values()]
    .filter((s) => now - s.receivedAt < rule.stalenessMs)
    .sort((a, b) => a.source.localeCompare(b.source));
  const sources = fresh.map((s) => s.source);
  const oldestAgeMs = fresh.length ? Math.max(0, ...fresh.map((s) => now - s.receivedAt)) : null;
  const base = { market, at: now, sources, total: rule.total, oldestAgeMs };
  if (fresh.length === 0 || fresh.length < rule.quorum) {
    return { ...base, price: null, reason: `no independent price: ${fresh.length} of ${rule.total} sources fresh` };
  }
  return { ...base, price: median(fresh.map((s) => s.price)), reason: null };
}

export function median(prices: readonly DecimalString[]): DecimalString {
  const sorted = prices.map((p) => new Exact(p)).sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).dividedBy(2);
  return value.toFixed();
}
