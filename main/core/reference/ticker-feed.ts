/**
 * What the three public-ticker feeds share: configurable host, symbol per market, one GET with a
 * deadline on the injected clock, and a strict reading of the price as a positive decimal string.
 * Each also reads the source's public 1-minute candle history (candle-history.ts).
 */
import Decimal from 'decimal.js';
import type { Clock } from '../clock';
import { httpRequest } from '../venues/http';
import { fetchCandles, type CandleDialect } from './candle-history';
import type { FeedResult, HistoryResult, ReferenceFeed } from './sample';

export interface TickerFeedOptions {
  /** e.g. https://api.exchange.coinbase.com, or the simulator's `{base}/coinbase`. */
  baseUrl: string;
  clock: Clock;
  timeoutMs?: number;
  /** Deadline of each candle-history request (ms); pages are larger than a ticker. */
  historyTimeoutMs?: number;
  /** Overrides the default symbol for a market (BTC-USD-PERP → BTC-USD, XBTUSD, BTCUSDT). */
  symbols?: Record<string, string>;
}

/** Reads a price out of a parsed answer for `symbol`, or says what is wrong with it. */
export type PriceReader = (json: unknown, symbol: string) => { ok: true; price: string } | { ok: false; problem: string };

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

export function baseAsset(market: string): string {
  return market.split('-')[0];
}

export class TickerFeed implements ReferenceFeed {
  private readonly timeoutMs: number;

  constructor(
    readonly source: string,
    private readonly options: TickerFeedOptions,
    private readonly defaultSymbol: (market: string) => string,
    private readonly path: (symbol: string) => string,
    private readonly read: PriceReader,
    private readonly candles: CandleDialect,
  ) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  symbolFor(market: string): string {
    return this.options.symbols?.[market] ?? this.defaultSymbol(market);
  }

  async fetch(market: string): Promise<FeedResult> {
    const { clock, baseUrl } = this.options;
    const symbol = this.symbolFor(market);
    const outcome = await httpRequest(clock, { method: 'GET', url: `${baseUrl}${this.path(symbol)}`, timeoutMs: this.timeoutMs });
    const at = clock.now();
    const fail = (reason: string, raw: string | null): FeedResult => ({ ok: false, error: { source: this.source, market, at, reason, raw } });
    if (outcome.kind === 'failure') return fail(outcome.reason, null);
    const raw = outcome.body;
    if (outcome.status !== 200) return fail(`HTTP ${outcome.status}`, raw);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return fail('answer is not JSON', raw);
    }
    const read = this.read(json, symbol);
    if (!read.ok) return fail(read.problem, raw);
    if (!DECIMAL.test(read.price) || new Decimal(read.price).lte(0)) return fail(`price ${JSON.stringify(read.price)} is not a positive decimal`, raw);
    return { ok: true, sample: { source: this.source, market, price: read.price, receivedAt: at, raw } };
  }

  history(market: string, fromMs: number, toMs: number): Promise<HistoryResult> {
    const { clock, baseUrl, historyTimeoutMs } = this.options;
    return fetchCandles({
      source: this.source, market, symbol: this.symbolFor(market), fromMs, toMs, baseUrl, clock,
      timeoutMs: historyTimeoutMs ?? 10_000, dialect: this.candles,
    });
  }
}
