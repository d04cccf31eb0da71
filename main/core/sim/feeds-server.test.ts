import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { binanceFeed } from '../reference/binance';
import { coinbaseFeed } from '../reference/coinbase';
import { referenceAt, referencesAt } from '../reference/history';
import { krakenFeed } from '../reference/kraken';
import type { HistoryResult, ReferenceFeed } from '../reference/sample';
import { referencePath } from '../scenario/reference-path';
import { ReferenceFeedServer } from './feeds-server';

const START = Date.parse('2026-01-19T04:00:00Z');
const reference = referencePath({
  reference: {
    'BTC-USD-PERP': [{ offset: '00:00:00', at: START, price: '95000' }, { offset: '00:10:00', at: START + 600_000, price: '96000' }],
    'ETH-USD-PERP': [{ offset: '00:00:00', at: START, price: '3300' }],
    'SOL-USD-PERP': [{ offset: '00:00:00', at: START, price: '180' }],
  },
});

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function feeds() {
  const clock = new VirtualClock(START);
  const server = new ReferenceFeedServer(clock, reference, ['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP']);
  const urls = await server.start();
  stops.push(() => server.stop());
  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, json: (await res.json()) as any };
  };
  return { clock, server, urls, get };
}

describe('reference feeds', () => {
  it('serve the reference path in the three exchanges\' ticker shapes', async () => {
    const f = await feeds();
    f.clock.advanceTo(START + 300_000);
    expect(await f.get(`${f.urls.coinbase}/products/BTC-USD/ticker`)).toEqual({
      status: 200,
      json: { trade_id: (START + 300_000) / 1000, price: '95500', size: '0.01', time: '2026-01-19T04:05:00.000Z', bid: '95500', ask: '95500', volume: '1000' },
    });
    const kraken = await f.get(`${f.urls.kraken}/0/public/Ticker?pair=XBTUSD`);
    expect(kraken.json.error).toEqual([]);
    expect(kraken.json.result.XXBTZUSD).toMatchObject({ a: ['95500', '1', '1.000'], b: ['95500', '1', '1.000'], c: ['95500', '0.01'] });
    expect(Object.keys((await f.get(`${f.urls.kraken}/0/public/Ticker?pair=ETHUSD`)).json.result)).toEqual(['XETHZUSD']);
    expect(Object.keys((await f.get(`${f.urls.kraken}/0/public/Ticker?pair=SOLUSD`)).json.result)).toEqual(['SOLUSD']);
    expect((await f.get(`${f.urls.binance}/api/v3/ticker/price?symbol=ETHUSDT`)).json).toEqual({ symbol: 'ETHUSDT', price: '3300' });
  });

  it('answer unknown symbols as the exchanges do', async () => {
    const f = await feeds();
    expect((await f.get(`${f.urls.coinbase}/products/DOGE-USD/ticker`)).status).toBe(404);
    expect((await f.get(`${f.urls.kraken}/0/public/Ticker?pair=DOGEUSD`)).json).toEqual({ error: ['EQuery:Unknown asset pair'] });
    expect((await f.get(`${f.urls.binance}/api/v3/ticker/price?symbol=DOGEUSDT`)).status).toBe(400);
  });

  it('let one feed diverge or disappear while the others keep the reference', async () => {
    const f = await feeds();
    f.server.override('binance', 'BTC-USD-PERP', new Decimal('90000'));
    f.server.override('coinbase', 'BTC-USD-PERP', 'unavailable');
    expect((await f.get(`${f.urls.binance}/api/v3/ticker/price?symbol=BTCUSDT`)).json.price).toBe('90000');
    expect((await f.get(`${f.urls.coinbase}/products/BTC-USD/ticker`)).status).toBe(404);
    expect((await f.get(`${f.urls.kraken}/0/public/Ticker?pair=XBTUSD`)).json.result.XXBTZUSD.c[0]).toBe('95000');
    f.server.override('binance', 'BTC-USD-PERP', null);
    expect((await f.get(`${f.urls.binance}/api/v3/ticker/price?symbol=BTCUSDT`)).json.price).toBe('95000');
  });
});

describe('reference feed history, end to end through the real feed classes', () => {
  const MINUTE = 60_000;
  // BTC rises 100 a minute for ten minutes; ETH spikes to 3390 at 00:00:30 and is back at 00:01:00.
  const path = referencePath({
    reference: {
      'BTC-USD-PERP': [{ offset: '00:00:00', at: START, price: '95000' }, { offset: '00:10:00', at: START + 600_000, price: '96000' }],
      'ETH-USD-PERP': [
        { offset: '00:00:00', at: START, price: '3300' },
        { offset: '00:00:30', at: START + 30_000, price: '3390' },
        { offset: '00:01:00', at: START + 60_000, price: '3300' },
      ],
    },
  });

  async function sim(now: number) {
    const clock = new VirtualClock(START);
    clock.advanceTo(now);
    const server = new ReferenceFeedServer(clock, path, ['BTC-USD-PERP', 'ETH-USD-PERP']);
    const urls = await server.start();
    stops.push(() => server.stop());
    const feeds = [
      coinbaseFeed({ baseUrl: urls.coinbase, clock }),
      krakenFeed({ baseUrl: urls.kraken, clock }),
      binanceFeed({ baseUrl: urls.binance, clock }),
    ];
    return { server, urls, feeds };
  }

  const ohlc = (result: HistoryResult) => {
    if (!result.ok) throw new Error(result.error.reason);
    return result.candles.map((c) => [(c.openTime - START) / MINUTE, c.open, c.high, c.low, c.close].join(' '));
  };

  it('each minute is the path over it, up to the running minute, the same from all three and on every ask', async () => {
    const { feeds } = await sim(START + 5 * MINUTE + 30_000);
    const expected = ['0 95000 95100 95000 95100', '1 95100 95200 95100 95200', '2 95200 95300 95200 95300', '3 95300 95400 95300 95400', '4 95400 95500 95400 95500', '5 95500 95550 95500 95550'];
    for (const feed of feeds) expect(ohlc(await feed.history('BTC-USD-PERP', START, START + 10 * MINUTE))).toEqual(expected);
    const once = await feeds[0].history('BTC-USD-PERP', START, START + 3 * MINUTE);
    expect(once.ok).toBe(true);
    expect(await feeds[0].history('BTC-USD-PERP', START, START + 3 * MINUTE)).toEqual(once);
  });

  it('a spike inside a minute is its high', async () => {
    const { feeds } = await sim(START + 3 * MINUTE);
    for (const feed of feeds) expect(ohlc(await feed.history('ETH-USD-PERP', START, START + 2 * MINUTE))).toEqual(['0 3300 3390 3300 3300', '1 3300 3300 3300 3300']);
  });

  it('referenceAt over the simulated feeds: the close of the minute, resisting one diverging feed, none without a quorum', async () => {
    const { server, feeds } = await sim(START + 9 * MINUTE);
    expect(await referenceAt(feeds, 'BTC-USD-PERP', START + 90_000)).toMatchObject({ price: '95200', low: '95100', high: '95200', minute: START + MINUTE });
    server.override('kraken', 'BTC-USD-PERP', new Decimal('90000'));
    expect((await referenceAt(feeds, 'BTC-USD-PERP', START + 90_000)).price).toBe('95200');
    server.override('coinbase', 'BTC-USD-PERP', 'unavailable');
    server.override('binance', 'BTC-USD-PERP', 'unavailable');
    const none = await referenceAt(feeds, 'BTC-USD-PERP', START + 90_000);
    expect(none.price).toBeNull();
    expect(none.reason).toBe('no independent price for 2026-01-19T04:01:00.000Z: 1 of 3 sources had a candle (coinbase: HTTP 404; binance: HTTP 400)');
  });

  it('referencesAt answers many moments in their order, asking each source once per window of nearby minutes', async () => {
    const { feeds } = await sim(START + 500 * MINUTE);
    const asked: string[] = [];
    const counted: ReferenceFeed[] = feeds.map((feed) => ({
      source: feed.source,
      fetch: (market) => feed.fetch(market),
      history: (market, from, to) => {
        asked.push(`${feed.source} ${(from - START) / MINUTE}-${(to - START) / MINUTE}`);
        return feed.history(market, from, to);
      },
    }));
    // Hourly fills over 20 hours: nearby, but a window stops at 1000 minutes.
    const hourly = Array.from({ length: 21 }, (_, h) => START + h * 60 * MINUTE);
    const times = [START + 90_000, START + 400 * MINUTE + 5_000, START + 30_000, START + 9 * MINUTE + 10_000];
    const { feeds: later } = await sim(START + 1_300 * MINUTE);
    const hours = await referencesAt(later, 'BTC-USD-PERP', hourly);
    expect(hours.map((r) => r.price)).toEqual(['95100', ...Array(20).fill('96000')]);
    expect(new Set(hours.map((r) => r.raw)).size).toBe(2);
    const results = await referencesAt(counted, 'BTC-USD-PERP', times);
    expect(results.map((r) => [r.at, r.price])).toEqual([[times[0], '95200'], [times[1], '96000'], [times[2], '95100'], [times[3], '96000']]);
    expect(asked.sort()).toEqual(['binance 0-10', 'binance 400-401', 'coinbase 0-10', 'coinbase 400-401', 'kraken 0-10', 'kraken 400-401']);
    expect(results[0].raw).toBe(results[2].raw);
  });

  it('long windows page within each exchange\'s limits; Kraken keeps only its latest 720 minutes', async () => {
    const { feeds } = await sim(START + 1_100 * MINUTE);
    const [coinbase, kraken, binance] = await Promise.all([
      feeds[0].history('BTC-USD-PERP', START, START + 301 * MINUTE),
      feeds[1].history('BTC-USD-PERP', START + 370 * MINUTE, START + 390 * MINUTE),
      feeds[2].history('BTC-USD-PERP', START, START + 1_001 * MINUTE),
    ]);
    expect(coinbase).toMatchObject({ ok: true, candles: { length: 301 }, raw: { length: 2 } });
    expect(binance).toMatchObject({ ok: true, candles: { length: 1_001 }, raw: { length: 2 } });
    expect(ohlc(kraken)).toEqual(Array.from({ length: 9 }, (_, i) => `${381 + i} 96000 96000 96000 96000`));
  });

  it('refuse what the exchanges refuse', async () => {
    const { urls } = await sim(START + 10 * MINUTE);
    const status = async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, json: (await res.json()) as unknown };
    };
    expect((await status(`${urls.coinbase}/products/BTC-USD/candles?granularity=300`)).status).toBe(400);
    expect((await status(`${urls.coinbase}/products/BTC-USD/candles?granularity=60&start=2026-01-19T00:00:00Z&end=2026-01-19T05:00:00Z`)).status).toBe(400);
    expect((await status(`${urls.kraken}/0/public/OHLC?pair=XBTUSD&interval=5`)).json).toEqual({ error: ['EGeneral:Invalid arguments'] });
    expect((await status(`${urls.binance}/api/v3/klines?symbol=BTCUSDT&interval=5m`)).status).toBe(400);
    expect((await status(`${urls.binance}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001`)).status).toBe(400);
    expect((await status(`${urls.kraken}/0/public/OHLC?pair=DOGEUSD&interval=1`)).json).toEqual({ error: ['EQuery:Unknown asset pair'] });
  });
});
