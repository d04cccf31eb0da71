/**
 * Independent reference prices (DESIGN §2.5, §7): public spot tickers from sources other than
 * the venue. Each observation is a sample with the source's message kept verbatim.
 */
import type { DecimalString } from '../../../shared/domain';

export interface ReferenceSample {
  /** coinbase | kraken | binance … */
  source: string;
  /** The terminal's market, e.g. BTC-USD-PERP. */
  market: string;
  price: DecimalString;
  /** Local clock time the answer arrived (ms). */
  receivedAt: number;
  raw: string;
}

export interface FeedError {
  source: string;
  market: string;
  at: number;
  reason: string;
  raw: string | null;
}

export type FeedResult = { ok: true; sample: ReferenceSample } | { ok: false; error: FeedError };

/** One minute of a source's public history, values as the source wrote them. */
export interface ReferenceCandle {
  source: string;
  market: string;
  /** Start of the minute (epoch ms). */
  openTime: number;
  open: DecimalString;
  high: DecimalString;
  low: DecimalString;
  close: DecimalString;
}

/** `raw` holds every answer, in request order, when the history took several requests. */
export type HistoryResult = { ok: true; candles: ReferenceCandle[]; raw: string[] } | { ok: false; error: FeedError };

export interface ReferenceFeed {
  readonly source: string;
  /** One observation of `market`; never throws. */
  fetch(market: string): Promise<FeedResult>;
  /**
   * The 1-minute candles of `market` whose minute starts in [minute of fromMs, toMs), oldest
   * first, from the source's public history (for times the terminal did not watch); never throws.
   */
  history?(market: string, fromMs: number, toMs: number): Promise<HistoryResult>;
}
