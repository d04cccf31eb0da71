/**
 * Coinbase Exchange public ticker: GET /products/{BASE}-USD/ticker → {trade_id, price, size, time, bid, ask, volume}.
 * Candles: GET /products/{BASE}-USD/candles?granularity=60&start=ISO&end=ISO →
 * [[time_s, low, high, open, close, volume], …] as JSON numbers, newest first, at most 300 a request.
 */
import { z } from 'zod';
import { MINUTE_MS, minuteStart, timeOf, type CandleDialect } from './candle-history';
import { TickerFeed, baseAsset, type TickerFeedOptions } from './ticker-feed';

export const COINBASE_URL = 'https://api.exchange.coinbase.com';

/** Coinbase refuses a request spanning more than 300 candles. */
export const COINBASE_CANDLES_PER_REQUEST = 300;

const ticker = z.object({ price: z.string() });
const candles = z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]).rest(z.unknown()));
const message = z.object({ message: z.string() });

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const coinbaseCandles: CandleDialect = {
  path(product, cursor, toMs) {
    // start and end are candle starts; end is at least a minute after start so that a one-minute
    // window never asks for an empty range, whether Coinbase reads end as inclusive or not.
    const last = Math.min(cursor + (COINBASE_CANDLES_PER_REQUEST - 1) * MINUTE_MS, minuteStart(toMs - 1));
    const end = Math.max(last, cursor + MINUTE_MS);
    return `/products/${encodeURIComponent(product)}/candles?granularity=60&start=${iso(cursor)}&end=${iso(end)}`;
  },
  read(json) {
    const parsed = candles.safeParse(json);
    if (!parsed.success) {
      const said = message.safeParse(json);
      return { ok: false, problem: said.success ? `coinbase error: ${said.data.message}` : 'unexpected candles answer' };
    }
    const rows = [];
    for (const [time, low, high, open, close] of parsed.data) {
      const openTime = timeOf(time, 1_000);
      if (openTime === null) return { ok: false, problem: `candle time ${JSON.stringify(time)} is not epoch seconds` };
      rows.push({ openTime, open, high, low, close });
    }
    return { ok: true, rows };
  },
  next(cursor, toMs) {
    const next = cursor + COINBASE_CANDLES_PER_REQUEST * MINUTE_MS;
    return next < toMs ? next : null;
  },
};

export function coinbaseFeed(options: TickerFeedOptions): TickerFeed {
  return new TickerFeed(
    'coinbase',
    options,
    (market) => `${baseAsset(market)}-USD`,
    (symbol) => `/products/${encodeURIComponent(symbol)}/ticker`,
    (json) => {
      const parsed = ticker.safeParse(json);
      return parsed.success ? { ok: true, price: parsed.data.price } : { ok: false, problem: 'no price in the ticker' };
    },
    coinbaseCandles,
  );
}
