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

/** One minute of the reference path: open at its start, close at its end (or now, while it runs). */
export interface MinuteBar {
  openTime: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
}

/**
 * Coinbase Exchange candles, newest first: [time_s, low, high, open, close, volume] as JSON
 * numbers, written as text so that no float ever touches a price.
 */
export function coinbaseCandlesText(bars: readonly MinuteBar[]): string {
  const rows = [...bars].reverse().map((b) => `[${b.openTime / 1000},${plain(b.low)},${plain(b.high)},${plain(b.open)},${plain(b.close)},1]`);
  return `[${rows.join(',')}]`;
}

/** Kraken OHLC: [time_s, open, high, low, close, vwap, volume, count]; `last` is the newest committed minute. */
export function krakenOhlc(key: string, bars: readonly MinuteBar[], lastSeconds: number) {
  const rows = bars.map((b) => [b.openTime / 1000, plain(b.open), plain(b.high), plain(b.low), plain(b.close), plain(b.close), '1.00000000', 60]);
  return { error: [], result: { [key]: rows, last: lastSeconds } };
}

/** Binance klines, oldest first: [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore]. */
export function binanceKlines(bars: readonly MinuteBar[]) {
  return bars.map((b) => [b.openTime, plain(b.open), plain(b.high), plain(b.low), plain(b.close), '1.00000000', b.openTime + 59_999, plain(b.close), 60, '0.50000000', plain(b.close.div(2)), '0']);
}
