import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { binanceFeed } from './binance';
import { coinbaseFeed } from './coinbase';
import { TickerServer } from './fixtures/ticker-server';
import { referenceAt } from './history';
import { krakenFeed } from './kraken';
import type { ReferenceFeed } from './sample';

const MINUTE = 60_000;
const M = Date.parse('2026-01-19T04:05:00Z');
const AT = M + 17_000;
const MARKET = 'BTC-USD-PERP';

const TARGET = {
  coinbase: '/coinbase/products/BTC-USD/candles?granularity=60&start=2026-01-19T04:05:00Z&end=2026-01-19T04:06:00Z',
  kraken: `/kraken/0/public/OHLC?pair=XBTUSD&interval=1&since=${M / 1000 - 60}`,
  binance: `/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${M}&endTime=${M + MINUTE - 1}&limit=1000`,
};
// open, high, low, close per source for the minute M.
const ANSWER = {
  coinbase: `[[${M / 1000},94990,95020,95001,95010,3]]`,
  kraken: JSON.stringify({ error: [], result: { XXBTZUSD: [[M / 1000, '95002.0', '95030.0', '94980.0', '95000.0', '95001.0', '1.0', 7]], last: M / 1000 - 60 } }),
  binance: JSON.stringify([[M, '95003.00', '95040.00', '95000.00', '95030.00', '1.0', M + MINUTE - 1, '95000', 9, '0.5', '47500', '0']]),
};

let server: TickerServer;
let feeds: ReferenceFeed[];
beforeEach(async () => {
  server = await TickerServer.start();
  const options = (source: string) => ({ baseUrl: `${server.origin}/${source}`, clock: systemClock });
  feeds = [coinbaseFeed(options('coinbase')), krakenFeed(options('kraken')), binanceFeed(options('binance'))];
});
afterEach(async () => {
  await server.close();
});

function answerAll(): void {
  for (const source of ['coinbase', 'kraken', 'binance'] as const) server.reply(TARGET[source], { status: 200, body: ANSWER[source] });
}

describe('referenceAt', () => {
  it('three sources: the median close of the minute, with the median low and high', async () => {
    answerAll();
    const result = await referenceAt(feeds, MARKET, AT);
    expect(result).toMatchObject({ market: MARKET, at: AT, minute: M, price: '95010', low: '94990', high: '95030' });
    expect(result.reason).toBeUndefined();
    expect(result.sources.map((s) => [s.source, s.candle.close])).toEqual([['binance', '95030.00'], ['coinbase', '95010'], ['kraken', '95000.0']]);
    expect(result.raw).toEqual([ANSWER.coinbase, ANSWER.kraken, ANSWER.binance]);
  });

  it('two sources: the mean of the two; the failing answer is kept too', async () => {
    answerAll();
    server.reply(TARGET.binance, { status: 429, body: '{"code":-1003,"msg":"Too many requests"}' });
    const result = await referenceAt(feeds, MARKET, AT);
    expect(result).toMatchObject({ price: '95005', low: '94985', high: '95025' });
    expect(result.sources.map((s) => s.source)).toEqual(['coinbase', 'kraken']);
    expect(result.raw).toEqual([ANSWER.coinbase, ANSWER.kraken, '{"code":-1003,"msg":"Too many requests"}']);
  });

  it('one source: no price, and the reason names what the others did', async () => {
    answerAll();
    server.reply(TARGET.binance, { status: 429, body: '{"code":-1003,"msg":"Too many requests"}' });
    // Kraken keeps only its latest 720 minutes: an older minute is missing from its answer.
    server.reply(TARGET.kraken, { status: 200, body: JSON.stringify({ error: [], result: { XXBTZUSD: [[M / 1000 + 720 * 60, '1.0', '1.0', '1.0', '1.0', '1.0', '1.0', 1]], last: 0 } }) });
    const result = await referenceAt(feeds, MARKET, AT);
    expect(result).toMatchObject({ price: null, low: null, high: null, sources: [{ source: 'coinbase' }] });
    expect(result.reason).toBe('no independent price for 2026-01-19T04:05:00.000Z: 1 of 3 sources had a candle (kraken: no candle for that minute; binance: HTTP 429)');
  });

  it('a feed without public history counts as missing', async () => {
    answerAll();
    const tickerOnly: ReferenceFeed = { source: 'ticker-only', fetch: feeds[0].fetch.bind(feeds[0]) };
    const result = await referenceAt([feeds[0], tickerOnly], MARKET, AT);
    expect(result.price).toBeNull();
    expect(result.reason).toContain('ticker-only: no public history');
  });

  it('a time exactly on a minute belongs to the minute it starts', async () => {
    answerAll();
    expect((await referenceAt(feeds, MARKET, M)).minute).toBe(M);
    expect((await referenceAt(feeds, MARKET, M + MINUTE - 1)).price).toBe('95010');
  });
});
