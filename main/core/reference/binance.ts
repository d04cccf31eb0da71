/**
 * Binance public price: GET /api/v3/ticker/price?symbol=BTCUSDT → {symbol, price}.
 * Candles: GET /api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=ms&endTime=ms&limit=1000 →
 * [[openTime_ms, "open", "high", "low", "close", "volume", closeTime_ms, …], …] oldest first.
 */
import { z } from 'zod';
import { MINUTE_MS, timeOf, type CandleDialect } from './candle-history';
import { TickerFeed, baseAsset, type TickerFeedOptions } from './ticker-feed';

export const BINANCE_URL = 'https://api.binance.com';

/** Binance's largest `limit` for klines. */
export const BINANCE_KLINES_PER_REQUEST = 1_000;

const ticker = z.object({ symbol: z.string(), price: z.string() });
const klines = z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]).rest(z.unknown()));
const apiError = z.object({ code: z.string(), msg: z.string() });

export const binanceCandles: CandleDialect = {
  path(symbol, cursor, toMs) {
    const end = Math.min(cursor + BINANCE_KLINES_PER_REQUEST * MINUTE_MS, toMs) - 1;
    return `/api/v3/klines?symbol=${encodeURIComponent(symbol)}&interval=1m&startTime=${cursor}&endTime=${end}&limit=${BINANCE_KLINES_PER_REQUEST}`;
  },
  read(json) {
    const parsed = klines.safeParse(json);
    if (!parsed.success) {
      const said = apiError.safeParse(json);
      return { ok: false, problem: said.success ? `binance error ${said.data.code}: ${said.data.msg}` : 'unexpected klines answer' };
    }
    const rows = [];
    for (const [time, open, high, low, close] of parsed.data) {
      const openTime = timeOf(time, 1);
      if (openTime === null) return { ok: false, problem: `kline open time ${JSON.stringify(time)} is not epoch ms` };
      rows.push({ openTime, open, high, low, close });
    }
    return { ok: true, rows };
  },
  next(cursor, toMs) {
    const next = cursor + BINANCE_KLINES_PER_REQUEST * MINUTE_MS;
    return next < toMs ? next : null;
  },
};

export function binanceFeed(options: TickerFeedOptions): TickerFeed {
  return new TickerFeed(
    'binance',
    options,
    (market) => `${baseAsset(market)}USDT`,
    (symbol) => `/api/v3/ticker/price?symbol=${encodeURIComponent(symbol)}`,
    (json, symbol) => {
      const parsed = ticker.safeParse(json);
      if (!parsed.success) return { ok: false, problem: 'no symbol/price in the answer' };
      if (parsed.data.symbol !== symbol) return { ok: false, problem: `answer is for ${parsed.data.symbol}, not ${symbol}` };
      return { ok: true, price: parsed.data.price };
    },
    binanceCandles,
  );
}
