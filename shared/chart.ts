/** Price history for the chart, as main builds it from the journal's samples. Decimals are strings. */
import type { DecimalString } from './domain';

export const CANDLE_INTERVALS = ['1m', '5m', '1h'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];
export const INTERVAL_MS: Record<CandleInterval, number> = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000 };

/** One bar of the venue's mark, with the independent reference and the band around it at its close. */
export interface Candle {
  /** Start of the bar, ms since epoch (UTC). */
  time: number;
  open: DecimalString;
  high: DecimalString;
  low: DecimalString;
  close: DecimalString;
  reference: DecimalString | null;
  bandLow: DecimalString | null;
  bandHigh: DecimalString | null;
}

export interface ChartHistory {
  market: string;
  interval: CandleInterval;
  candles: Candle[];
  /** The band in force now, as a fraction: the live edges are the reference × (1 ± band). */
  band: DecimalString;
  /** True when the journal holds older samples: scrolling back asks again with `before`. */
  more: boolean;
}
