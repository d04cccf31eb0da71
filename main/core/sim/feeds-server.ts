/**
 * The simulated reference feeds: Coinbase, Kraken and Binance ticker endpoints on their own
 * loopback server, serving the scenario's true price (the reference path) at the engine clock's
 * now. Venue faults never touch them. By default the three agree; a test can make one feed
 * diverge or go away with `override`.
 *
 *   GET /coinbase/products/{BASE}-USD/ticker
 *   GET /kraken/0/public/Ticker?pair={XBTUSD|ETHUSD|<BASE>USD}
 *   GET /binance/api/v3/ticker/price?symbol={BASE}USDT
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { ReferenceSource } from './config';
import { binanceTicker, coinbaseTicker, krakenPairKey, krakenTicker } from './feed-shapes';

export type FeedName = 'coinbase' | 'kraken' | 'binance';

export interface FeedUrls {
  baseUrl: string;
  coinbase: string;
  kraken: string;
  binance: string;
}

type Override = Decimal | 'unavailable';

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
      const { status, body } = this.answer(new URL(req.url ?? '/', 'http://feeds'));
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
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

  private priceOf(feed: FeedName, base: string): Decimal | null {
    const market = this.byBase.get(base);
    if (!market) return null;
    const override = this.overrides.get(`${feed}:${market}`);
    if (override === 'unavailable') return null;
    return override ?? this.reference.referenceAt(market, this.clock.now());
  }

  private answer(url: URL): { status: number; body: unknown } {
    const now = this.clock.now();
    const coinbase = /^\/coinbase\/products\/([A-Z0-9]+)-USD\/ticker$/.exec(url.pathname);
    if (coinbase) {
      const price = this.priceOf('coinbase', coinbase[1]);
      return price ? { status: 200, body: coinbaseTicker(price, now) } : { status: 404, body: { message: 'NotFound' } };
    }
    if (url.pathname === '/kraken/0/public/Ticker') {
      const pair = url.searchParams.get('pair') ?? '';
      const base = /^([A-Z0-9]+)USD$/.exec(pair)?.[1];
      const price = base ? this.priceOf('kraken', base === 'XBT' ? 'BTC' : base) : null;
      return price ? { status: 200, body: krakenTicker(krakenPairKey(pair), price, now) } : { status: 200, body: { error: ['EQuery:Unknown asset pair'] } };
    }
    if (url.pathname === '/binance/api/v3/ticker/price') {
      const symbol = url.searchParams.get('symbol') ?? '';
      const base = /^([A-Z0-9]+)USDT$/.exec(symbol)?.[1];
      const price = base ? this.priceOf('binance', base) : null;
      return price ? { status: 200, body: binanceTicker(symbol, price) } : { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    }
    return { status: 404, body: { message: 'NotFound' } };
  }
}
