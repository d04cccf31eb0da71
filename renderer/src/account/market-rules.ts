import type { MarketInfo, TerminalSnapshot } from '../../../shared/snapshot';

/** The tick and step main reported for a market; null before the venue listed it. */
export const rulesOf = (snapshot: Pick<TerminalSnapshot, 'markets'>, market: string): MarketInfo | null =>
  snapshot.markets.find((m) => m.symbol === market) ?? null;
