/**
 * The simulated reference feeds: Coinbase, Kraken and Binance ticker and 1-minute candle
 * endpoints on their own loopback server, serving the scenario's true price (the reference path)
 * at the engine clock's now, and its history up to now. Venue faults never touch them. By default
 * the three agree; a test can make one feed diverge or go away with `override` (for its ticker and
 * its whole history alike).
 *
 *   GET /coinbase/products/{BASE}-USD/ticker
 *   GET /coinbase/products/{BASE}-USD/candles?granularity=60&start=ISO&end=ISO
 *   GET /kraken/0/public/Ticker?pair={XBTUSD|ETHUSD|<BASE>USD}
 *   GET /kraken/0/public/OHLC?pair=…&interval=1&since=unix_s
 *   GET /binance/api/v3/ticker/price?symbol={BASE}USDT
 *   GET /binance/api/v3/klines?symbol={BASE}USDT&interval=1m&startTime=ms&endTime=ms&limit=n
 *
 * A minute's candle is the path over that minute: open at its start, close at its end (at now for
 * the running minute), high and low over every whole second in between, which is exact because a
 * scenario's path only bends at whole-second offsets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { ReferenceSource } from './config';
import {
  binanceKlines, binanceTicker, coinbaseCandlesText, coinbaseTicker, krakenOhlc, krakenPairKey, krakenTicker, type MinuteBar,
} from './feed-shapes';

export type FeedName = 'coinbase' | 'kraken' | 'binance';

export interface FeedUrls {
  baseUrl: string;
  coinbase: string;
  kraken: string;
  binance: string;
}

type Override = Decimal | 'unavailable';

type Answer = { status: number; body: unknown } | { status: number; text: string };

const MINUTE = 60_000;
/** Coinbase answers at most 300 candles; Kraken keeps the latest 720; Binance gives 500 by default, 1000 at most. */
const COINBASE_MAX = 300;
const KRAKEN_KEPT = 720;
const BINANCE_DEFAULT = 500;
const BINANCE_MAX = 1_000;

const minuteOf = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

export class ReferenceFeedServer {
  private readonly http: Server;
  private readonly overrides = new Map<string, Override>();
  /** BASE (e.g. BTC) → market symbol (BTC-USD-PERP). */
  private readonly byBase: Map<string, string>;

  constructor(
    private readonly clock: Clock,
    private readonly reference: ReferenceSource,
    markets: readonly string[],
    private readonly options: { host?: string; port?: number } = {},
  ) {
    this.byBase = new Map(markets.map((m) => [m.split('-')[0], m]));
    this.http = createServer((req, res) => {
      const answer = this.answer(new URL(req.url ?? '/', 'http://feeds'));
      const text = 'text' in answer ? answer.text : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
    });
  }

  async start(): Promise<FeedUrls> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port ?? 0, host, () => resolve());
    });
    const baseUrl = `http://${host}:${(this.http.address() as AddressInfo).port}`;
    return { baseUrl, coinbase: `${baseUrl}/coinbase`, kraken: `${baseUrl}/kraken`, binance: `${baseUrl}/binance` };
  }

  async stop(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Makes one feed serve `value` (or fail) for `market` instead of the reference; null restores it. */
  override(feed: FeedName, market: string, value: Override | null): void {
    if (value === null) this.overrides.delete(`${feed}:${market}`);
    else this.overrides.set(`${feed}:${market}`, value);
  }

  /** The price path one feed serves for `base`, or null when it has none. */
  private pathOf(feed: FeedName, base: string): ((t: number) => Decimal) | null {
    const market = this.byBase.get(base);
    if (!market) return null;
    const override = this.overrides.get(`${feed}:${market}`);
    if (override === 'unavailable') return null;
    return override ? () => override : (t) => this.reference.referenceAt(market, t);
  }

  /** The candles of the minutes starting in [first, last], none after the running minute. */
  private bars(path: (t: number) => Decimal, first: number, last: number): MinuteBar[] {
    const now = this.clock.now();
    const bars: MinuteBar[] = [];
    for (let start = Math.max(0, first); start <= Math.min(last, minuteOf(now)); start += MINUTE) {
      const end = Math.min(start + MINUTE, now);
      const open = path(start);
      const close = path(end);
      let high = open.gt(close) ? open : close;
      let low = open.lt(close) ? open : close;
      for (let t = start + 1_000; t < end; t += 1_000) {
        const price = path(t);
        if (price.gt(high)) high = price;
        if (price.lt(low)) low = price;
      }
      bars.push({ openTime: start, open, high, low, close });
    }
    return bars;
  }

  private answer(url: URL): Answer {
    const q = url.searchParams;
    const coinbase = /^\/coinbase\/products\/([A-Z0-9]+)-USD\/(ticker|candles)$/.exec(url.pathname);
    if (coinbase) return coinbase[2] === 'ticker' ? this.coinbaseTicker(coinbase[1]) : this.coinbaseCandles(coinbase[1], q);
    if (url.pathname === '/kraken/0/public/Ticker' || url.pathname === '/kraken/0/public/OHLC') {
      const pair = q.get('pair') ?? '';
      const base = /^([A-Z0-9]+)USD$/.exec(pair)?.[1];
      const path = base ? this.pathOf('kraken', base === 'XBT' ? 'BTC' : base) : null;
      if (!path) return { status: 200, body: { error: ['EQuery:Unknown asset pair'] } };
      return url.pathname.endsWith('Ticker') ? { status: 200, body: krakenTicker(krakenPairKey(pair), path(this.clock.now()), this.clock.now()) } : this.krakenOhlc(pair, path, q);
    }
    if (url.pathname === '/binance/api/v3/ticker/price' || url.pathname === '/binance/api/v3/klines') {
      const symbol = q.get('symbol') ?? '';
      const base = /^([A-Z0-9]+)USDT$/.exec(symbol)?.[1];
      const path = base ? this.pathOf('binance', base) : null;
      if (!path) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
      return url.pathname.endsWith('price') ? { status: 200, body: binanceTicker(symbol, path(this.clock.now())) } : this.binanceKlines(path, q);
    }
    return { status: 404, body: { message: 'NotFound' } };
  }

  private coinbaseTicker(base: string): Answer {
    const path = this.pathOf('coinbase', base);
    const now = this.clock.now();
    return path ? { status: 200, body: coinbaseTicker(path(now), now) } : { status: 404, body: { message: 'NotFound' } };
  }

  /** Candles starting in [start, end] (both optional: the latest 300 up to now). */
  private coinbaseCandles(base: string, q: URLSearchParams): Answer {
    const path = this.pathOf('coinbase', base);
    if (!path) return { status: 404, body: { message: 'NotFound' } };
    if (q.get('granularity') !== '60') return { status: 400, body: { message: 'Unsupported granularity' } };
    const start = Date.parse(q.get('start') ?? '');
    const end = Date.parse(q.get('end') ?? '');
    const last = minuteOf(Number.isNaN(end) ? this.clock.now() : end);
    const first = Number.isNaN(start) ? last - (COINBASE_MAX - 1) * MINUTE : minuteOf(start);
    if ((last - first) / MINUTE + 1 > COINBASE_MAX) {
      return { status: 400, body: { message: 'granularity too small for the requested time range. Count of aggregations requested exceeds 300' } };
    }
    return { status: 200, text: coinbaseCandlesText(this.bars(path, first, last)) };
  }

  /** Candles after `since`, among the latest 720 up to the running minute. */
  private krakenOhlc(pair: string, path: (t: number) => Decimal, q: URLSearchParams): Answer {
    if ((q.get('interval') ?? '1') !== '1') return { status: 200, body: { error: ['EGeneral:Invalid arguments'] } };
    const current = minuteOf(this.clock.now());
    const kept = current - (KRAKEN_KEPT - 1) * MINUTE;
    const since = Number(q.get('since') ?? '0') * 1_000;
    const first = Number.isFinite(since) ? Math.max(kept, minuteOf(since) + MINUTE) : kept;
    return { status: 200, body: krakenOhlc(krakenPairKey(pair), this.bars(path, first, current), (current - MINUTE) / 1_000) };
  }

  /** Klines opening in [startTime, endTime], the first `limit` of them (the latest when no start is given). */
  private binanceKlines(path: (t: number) => Decimal, q: URLSearchParams): Answer {
    if (q.get('interval') !== '1m') return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
    const limit = q.has('limit') ? Number(q.get('limit')) : BINANCE_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > BINANCE_MAX) return { status: 400, body: { code: -1130, msg: "Data sent for parameter 'limit' is not valid." } };
    const startTime = q.has('startTime') ? Number(q.get('startTime')) : null;
    const endTime = q.has('endTime') ? Number(q.get('endTime')) : this.clock.now();
    const last = Math.min(minuteOf(endTime), minuteOf(this.clock.now()));
    const first = startTime === null ? last - (limit - 1) * MINUTE : Math.ceil(startTime / MINUTE) * MINUTE;
    return { status: 200, body: binanceKlines(this.bars(path, first, Math.min(last, first + (limit - 1) * MINUTE))) };
  }
}
