import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../clock';
import { binanceFeed } from './binance';
import { coinbaseFeed } from './coinbase';
import { binancePage, binanceRecorded, coinbasePage, coinbaseRecorded, krakenPage, krakenRecorded, syntheticClose } from './fixtures/candles';
import { TickerServer } from './fixtures/ticker-server';
import { krakenFeed } from './kraken';

const MINUTE = 60_000;
const T0 = Date.parse('2026-01-19T00:00:00Z');
const MARKET = 'BTC-USD-PERP';

let server: TickerServer;
beforeEach(async () => {
  server = await TickerServer.start();
});
afterEach(async () => {
  await server.close();
});

const coinbase = () => coinbaseFeed({ baseUrl: `${server.origin}/coinbase`, clock: systemClock });
const kraken = (symbols?: Record<string, string>) => krakenFeed({ baseUrl: `${server.origin}/kraken`, clock: systemClock, symbols });
const binance = () => binanceFeed({ baseUrl: `${server.origin}/binance`, clock: systemClock });

describe('candle history: recorded answers', () => {
  it('coinbase: numbers read as their text, [time, low, high, open, close] mapped, raw kept', async () => {
    const at = 1_710_327_600_000;
    server.reply('/coinbase/products/BTC-USD/candles?granularity=60&start=2024-03-13T11:00:00Z&end=2024-03-13T11:01:00Z', { status: 200, body: coinbaseRecorded });
    expect(await coinbase().history(MARKET, at, at + MINUTE)).toEqual({
      ok: true,
      candles: [{ source: 'coinbase', market: MARKET, openTime: at, open: '73243.33', high: '73402.47', low: '73241.5', close: '73370.65' }],
      raw: [coinbaseRecorded],
    });
  });

  it('coinbase: digits a float would lose are kept', async () => {
    const at = 1_710_327_660_000;
    const body = '[[1710327660,73241.123456789012345678,73402.47,73243.33,0.30000000000000000004,1]]';
    server.reply('/coinbase/products/BTC-USD/candles?granularity=60&start=2024-03-13T11:01:00Z&end=2024-03-13T11:02:00Z', { status: 200, body });
    expect(await coinbase().history(MARKET, at, at + MINUTE)).toMatchObject({
      ok: true,
      candles: [{ low: '73241.123456789012345678', close: '0.30000000000000000004' }],
    });
  });

  it('kraken: a symbol override is used, the entry is found beside "last", only the window is kept', async () => {
    const from = 1_706_630_400_000;
    server.reply('/kraken/0/public/OHLC?pair=XBTUSDT&interval=1&since=1706630340', { status: 200, body: krakenRecorded });
    const result = await kraken({ [MARKET]: 'XBTUSDT' }).history(MARKET, from, 1_706_637_600_000);
    expect(result).toEqual({
      ok: true,
      candles: [
        { source: 'kraken', market: MARKET, openTime: from, open: '43366.3', high: '43529.2', low: '43234.2', close: '43485.0' },
        { source: 'kraken', market: MARKET, openTime: 1_706_634_000_000, open: '43497.5', high: '43594.6', low: '43316.4', close: '43409.5' },
      ],
      raw: [krakenRecorded],
    });
    expect(server.hits).toHaveLength(1);
  });

  it('binance: [openTime, open, high, low, close, …] from the documented example', async () => {
    const at = 1_499_040_000_000;
    server.reply(`/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${at}&endTime=${at + MINUTE - 1}&limit=1000`, { status: 200, body: binanceRecorded });
    expect(await binance().history(MARKET, at, at + MINUTE)).toEqual({
      ok: true,
      candles: [{ source: 'binance', market: MARKET, openTime: at, open: '0.01634790', high: '0.80000000', low: '0.01575800', close: '0.01577100' }],
      raw: [binanceRecorded],
    });
  });
});

describe('candle history: paging', () => {
  it('coinbase asks 300 candles at a time', async () => {
    const first = coinbasePage(T0, 300);
    const second = coinbasePage(T0 + 300 * MINUTE, 1);
    server.reply('/coinbase/products/BTC-USD/candles?granularity=60&start=2026-01-19T00:00:00Z&end=2026-01-19T04:59:00Z', { status: 200, body: first });
    server.reply('/coinbase/products/BTC-USD/candles?granularity=60&start=2026-01-19T05:00:00Z&end=2026-01-19T05:01:00Z', { status: 200, body: second });
    const result = await coinbase().history(MARKET, T0, T0 + 301 * MINUTE);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.raw).toEqual([first, second]);
    expect(result.candles.map((c) => c.openTime)).toEqual(Array.from({ length: 301 }, (_, i) => T0 + i * MINUTE));
    expect(result.candles[300].close).toBe(syntheticClose(T0 + 300 * MINUTE));
  });

  it('binance asks 1000 klines at a time', async () => {
    const first = binancePage(T0, 1000);
    const second = binancePage(T0 + 1000 * MINUTE, 1);
    server.reply(`/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0}&endTime=${T0 + 1000 * MINUTE - 1}&limit=1000`, { status: 200, body: first });
    server.reply(`/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0 + 1000 * MINUTE}&endTime=${T0 + 1001 * MINUTE - 1}&limit=1000`, { status: 200, body: second });
    const result = await binance().history(MARKET, T0, T0 + 1001 * MINUTE);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.raw).toEqual([first, second]);
    expect(result.candles).toHaveLength(1001);
    expect(result.candles[1000]).toMatchObject({ openTime: T0 + 1000 * MINUTE, close: syntheticClose(T0 + 1000 * MINUTE) });
  });

  it('kraken asks again after the newest candle until the window is covered', async () => {
    const first = krakenPage('XXBTZUSD', T0, 3);
    const second = krakenPage('XXBTZUSD', T0 + 3 * MINUTE, 3);
    server.reply(`/kraken/0/public/OHLC?pair=XBTUSD&interval=1&since=${T0 / 1000 - 60}`, { status: 200, body: first });
    server.reply(`/kraken/0/public/OHLC?pair=XBTUSD&interval=1&since=${(T0 + 3 * MINUTE) / 1000 - 60}`, { status: 200, body: second });
    const result = await kraken().history(MARKET, T0, T0 + 5 * MINUTE);
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.raw).toEqual([first, second]);
    expect(result.candles.map((c) => c.openTime)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * MINUTE));
  });

  it('an empty window asks nothing', async () => {
    expect(await binance().history(MARKET, T0, T0)).toEqual({ ok: true, candles: [], raw: [] });
    expect(server.hits).toEqual([]);
  });
});

describe('candle history: bad answers are feed errors with the raw answer', () => {
  const coinbaseTarget = '/coinbase/products/BTC-USD/candles?granularity=60&start=2026-01-19T00:00:00Z&end=2026-01-19T00:01:00Z';
  it.each([
    ['rate limited', { status: 429, body: '{"message":"Public rate limit exceeded"}' }, 'HTTP 429'],
    ['server error', { status: 503, body: 'busy' }, 'HTTP 503'],
    ['not JSON', { status: 200, body: '<html>' }, 'answer is not JSON'],
    ['an error message', { status: 200, body: '{"message":"NotFound"}' }, 'coinbase error: NotFound'],
    ['exponent notation', { status: 200, body: '[[1768780800,7.3e4,73402.47,73243.33,73370.65,1]]' }, 'low "7.3e4" is not a positive decimal'],
    ['a zero price', { status: 200, body: '[[1768780800,0,73402.47,73243.33,73370.65,1]]' }, 'low "0" is not a positive decimal'],
    ['low above high', { status: 200, body: '[[1768780800,73500,73402.47,73443.33,73470.65,1]]' }, 'low 73500 is above high 73402.47'],
    ['a time off the minute', { status: 200, body: '[[1768780801,73241.5,73402.47,73243.33,73370.65,1]]' }, 'does not start on a minute'],
    ['rows of another shape', { status: 200, body: '[{"time":1768780800}]' }, 'unexpected candles answer'],
  ])('coinbase: %s', async (_what, reply, reason) => {
    server.reply(coinbaseTarget, reply);
    const result = await coinbase().history(MARKET, T0, T0 + MINUTE);
    expect(result).toMatchObject({ ok: false, error: { source: 'coinbase', market: MARKET, reason: expect.stringContaining(reason), raw: reply.body } });
  });

  it('kraken: an error list', async () => {
    const body = '{"error":["EGeneral:Too many requests"]}';
    server.reply(`/kraken/0/public/OHLC?pair=XBTUSD&interval=1&since=${T0 / 1000 - 60}`, { status: 200, body });
    expect(await kraken().history(MARKET, T0, T0 + MINUTE)).toMatchObject({ ok: false, error: { reason: 'kraken error: EGeneral:Too many requests', raw: body } });
  });

  it('binance: an API error', async () => {
    const body = '{"code":-1121,"msg":"Invalid symbol."}';
    server.reply(`/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0}&endTime=${T0 + MINUTE - 1}&limit=1000`, { status: 400, body });
    expect(await binance().history(MARKET, T0, T0 + MINUTE)).toMatchObject({ ok: false, error: { reason: 'HTTP 400', raw: body } });
  });

  it('a failing second page fails the history', async () => {
    server.reply(`/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0}&endTime=${T0 + 1000 * MINUTE - 1}&limit=1000`, { status: 200, body: binancePage(T0, 1000) });
    server.reply(`/binance/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0 + 1000 * MINUTE}&endTime=${T0 + 1001 * MINUTE - 1}&limit=1000`, { status: 502, body: 'bad gateway' });
    expect(await binance().history(MARKET, T0, T0 + 1001 * MINUTE)).toMatchObject({ ok: false, error: { reason: 'HTTP 502', raw: 'bad gateway' } });
  });

  it('no answer before the deadline (virtual clock)', async () => {
    const clock = new VirtualClock(T0);
    server.reply(coinbaseTarget, { hang: true });
    const feed = coinbaseFeed({ baseUrl: `${server.origin}/coinbase`, clock, historyTimeoutMs: 3_000 });
    const pending = feed.history(MARKET, T0, T0 + MINUTE);
    clock.advanceTo(T0 + 3_000);
    expect(await pending).toMatchObject({ ok: false, error: { reason: 'timeout after 3000 ms', raw: null, at: T0 + 3_000 } });
  });
});
