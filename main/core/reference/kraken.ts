/**
 * Kraken public Ticker: GET /0/public/Ticker?pair=XBTUSD → {error:[], result:{XXBTZUSD:{a,b,c:[price,vol],…}}}.
 * Kraken answers under its legacy pair name (XXBTZUSD, XETHZUSD) for the oldest assets.
 */
import { z } from 'zod';
import { TickerFeed, baseAsset, type TickerFeedOptions } from './ticker-feed';

export const KRAKEN_URL = 'https://api.kraken.com';

const LEGACY_PAIR_NAMES: Record<string, string> = { XBTUSD: 'XXBTZUSD', ETHUSD: 'XETHZUSD' };

const answer = z.object({
  error: z.array(z.string()),
  result: z.record(z.string(), z.object({ c: z.tuple([z.string(), z.string()]) })).optional(),
});

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
      const keys = Object.keys(result);
      // One pair was asked for, so a single entry under another legacy name is still that pair.
      const key = [LEGACY_PAIR_NAMES[pair], pair].find((k) => k !== undefined && k in result) ?? (keys.length === 1 ? keys[0] : undefined);
      if (key === undefined) return { ok: false, problem: `no ${pair} in the answer` };
      return { ok: true, price: result[key].c[0] };
    },
  );
}
