/** Coinbase Exchange public ticker: GET /products/{BASE}-USD/ticker → {trade_id, price, size, time, bid, ask, volume}. */
import { z } from 'zod';
import { TickerFeed, baseAsset, type TickerFeedOptions } from './ticker-feed';

export const COINBASE_URL = 'https://api.exchange.coinbase.com';

const ticker = z.object({ price: z.string() });

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
  );
}
