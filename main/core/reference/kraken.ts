/**
 * Kraken public Ticker: GET /0/public/Ticker?pair=XBTUSD → {error:[], result:{XXBTZUSD:{a,b,c:[price,vol],…}}}.
 * Candles: GET /0/public/OHLC?pair=XBTUSD&interval=1&since=unix_s →
 * {error:[], result:{XXBTZUSD:[[time_s,"open","high","low","close","vwap","volume",count],…], last}}.
 * Kraken answers under its legacy pair name (XXBTZUSD, XETHZUSD) for the oldest assets, and keeps
 * only the latest 720 candles of an interval: older minutes are simply absent from its answer.
 */
import { z } from 'zod';
import { MINUTE_MS, timeOf, type CandleDialect } from './candle-history';
import { TickerFeed, baseAsset, type TickerFeedOptions } from './ticker-feed';

export const KRAKEN_URL = 'https://api.kraken.com';

const LEGACY_PAIR_NAMES: Record<string, string> = { XBTUSD: 'XXBTZUSD', ETHUSD: 'XETHZUSD' };

const answer = z.object({
  error: z.array(z.string()),
  result: z.record(z.string(), z.object({ c: z.tuple([z.string(), z.string()]) })).optional(),
});

const ohlcAnswer = z.object({ error: z.array(z.string()), result: z.record(z.string(), z.unknown()).optional() });
const ohlcRows = z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]).rest(z.unknown()));

/** One pair was asked for, so a single entry under another legacy name is still that pair. */
function entryFor(pair: string, keys: string[]): string | undefined {
  return [LEGACY_PAIR_NAMES[pair], pair].find((k) => k !== undefined && keys.includes(k)) ?? (keys.length === 1 ? keys[0] : undefined);
}

export const krakenCandles: CandleDialect = {
  // `since` a minute earlier: the candle starting at `cursor` is in the answer whether Kraken reads it as > or ≥.
  path: (pair, cursor) => `/0/public/OHLC?pair=${encodeURIComponent(pair)}&interval=1&since=${cursor / 1_000 - 60}`,
  read(json, pair) {
    const parsed = ohlcAnswer.safeParse(json);
    if (!parsed.success) return { ok: false, problem: 'unexpected OHLC answer' };
    if (parsed.data.error.length > 0) return { ok: false, problem: `kraken error: ${parsed.data.error.join(', ')}` };
    const result = parsed.data.result ?? {};
    const key = entryFor(pair, Object.keys(result).filter((k) => k !== 'last'));
    if (key === undefined) return { ok: false, problem: `no ${pair} in the answer` };
    const rows = ohlcRows.safeParse(result[key]);
    if (!rows.success) return { ok: false, problem: `unexpected ${key} candles` };
    const read = [];
    for (const [time, open, high, low, close] of rows.data) {
      const openTime = timeOf(time, 1_000);
      if (openTime === null) return { ok: false, problem: `candle time ${JSON.stringify(time)} is not epoch seconds` };
      read.push({ openTime, open, high, low, close });
    }
    return { ok: true, rows: read };
  },
  // Up to 720 candles from `since`; ask again after the newest while it ends before the window does.
  next(cursor, toMs, rows) {
    if (rows.length === 0) return null;
    const next = Math.max(...rows.map((r) => r.openTime)) + MINUTE_MS;
    return next > cursor && next < toMs ? next : null;
  },
};

export function krakenFeed(options: TickerFeedOptions): TickerFeed {
  return new TickerFeed(
    'kraken',
    options,
    (market) => `${baseAsset(market) === 'BTC' ? 'XBT' : baseAsset(market)}USD`,
    (pair) => `/0/public/Ticker?pair=${encodeURIComponent(pair)}`,
    (json, pair) => {
      const parsed = answer.safeParse(json);
      if (!parsed.success) return { ok: false, problem: 'unexpected Ticker answer' };
      if (parsed.data.error.length > 0) return { ok: false, problem: `kraken error: ${parsed.data.error.join(', ')}` };
      const result = parsed.data.result ?? {};
      const key = entryFor(pair, Object.keys(result));
      if (key === undefined) return { ok: false, problem: `no ${pair} in the answer` };
      return { ok: true, price: result[key].c[0] };
    },
    krakenCandles,
  );
}
