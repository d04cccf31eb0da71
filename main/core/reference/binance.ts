/** Binance public price: GET /api/v3/ticker/price?symbol=BTCUSDT → {symbol, price}. */
import { z } from 'zod';
import { TickerFeed, baseAsset, type TickerFeedOptions } from './ticker-feed';

export const BINANCE_URL = 'https://api.binance.com';

const ticker = z.object({ symbol: z.string(), price: z.string() });

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
  );
}
