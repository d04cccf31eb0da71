/**
 * Public spot-ticker answers in the exchanges' own shapes (Coinbase Exchange, Kraken, Binance),
 * built from one reference price. Bid, ask and last are that same price: the feeds stand for
 * "the true price", not for a book.
 */
import type Decimal from 'decimal.js';
import { plain } from './money';

export function coinbaseTicker(price: Decimal, now: number) {
  const p = plain(price);
  return { trade_id: Math.floor(now / 1000), price: p, size: '0.01', time: new Date(now).toISOString(), bid: p, ask: p, volume: '1000' };
}

/** Kraken names its oldest assets with legacy pair names. */
export function krakenPairKey(pair: string): string {
  return ({ XBTUSD: 'XXBTZUSD', BTCUSD: 'XXBTZUSD', ETHUSD: 'XETHZUSD' } as Record<string, string>)[pair] ?? pair;
}

export function krakenTicker(key: string, price: Decimal, now: number) {
  const p = plain(price);
  const trades = Math.floor(now / 1000) % 100_000;
  return {
    error: [],
    result: {
      [key]: { a: [p, '1', '1.000'], b: [p, '1', '1.000'], c: [p, '0.01'], v: ['1000', '1000'], p: [p, p], t: [trades, trades], l: [p, p], h: [p, p], o: p },
    },
  };
}

export function binanceTicker(symbol: string, price: Decimal) {
  return { symbol, price: plain(price) };
}
