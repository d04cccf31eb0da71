import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock, systemClock } from '../clock';
import { binanceFeed } from './binance';
import { coinbaseFeed } from './coinbase';
import { binanceTicker, coinbaseTicker, krakenTicker, krakenUnknownPair } from './fixtures/tickers';
import { TickerServer } from './fixtures/ticker-server';
import { krakenFeed } from './kraken';
import { ReferencePoller, type ReferenceEvent } from './poller';

let server: TickerServer;
beforeEach(async () => {
  server = await TickerServer.start();
});
afterEach(async () => {
  await server.close();
});

describe('reference feeds', () => {
  it('coinbase: BTC-USD-PERP → /products/BTC-USD/ticker, price verbatim, raw kept', async () => {
    server.reply('/coinbase/products/BTC-USD/ticker', { status: 200, body: coinbaseTicker });
    const feed = coinbaseFeed({ baseUrl: `${server.origin}/coinbase`, clock: new VirtualClock(1_000) });
    expect(await feed.fetch('BTC-USD-PERP')).toEqual({
      ok: true,
      sample: { source: 'coinbase', market: 'BTC-USD-PERP', price: '95012.34', receivedAt: 1_000, raw: JSON.stringify(coinbaseTicker) },
    });
  });

  it.each([
    ['BTC-USD-PERP', 'XBTUSD', 'XXBTZUSD'],
    ['ETH-USD-PERP', 'ETHUSD', 'XETHZUSD'],
    ['SOL-USD-PERP', 'SOLUSD', 'SOLUSD'],
  ])('kraken: %s → pair %s, answered under %s', async (market, pair, key) => {
    server.reply(`/kraken/0/public/Ticker?pair=${pair}`, { status: 200, body: krakenTicker(key, '95013.20000') });
    const feed = krakenFeed({ baseUrl: `${server.origin}/kraken`, clock: systemClock });
    expect(await feed.fetch(market)).toMatchObject({ ok: true, sample: { source: 'kraken', market, price: '95013.20000' } });
  });

  it('kraken: an error list is a feed error', async () => {
    server.reply('/kraken/0/public/Ticker?pair=XBTUSD', { status: 200, body: krakenUnknownPair });
    const feed = krakenFeed({ baseUrl: `${server.origin}/kraken`, clock: systemClock });
    expect(await feed.fetch('BTC-USD-PERP')).toMatchObject({ ok: false, error: { source: 'kraken', reason: 'kraken error: EQuery:Unknown asset pair' } });
  });

  it('binance: BTC-USD-PERP → BTCUSDT; a symbol mapping overrides the default', async () => {
    server.reply('/binance/api/v3/ticker/price?symbol=BTCUSDT', { status: 200, body: binanceTicker });
    server.reply('/binance/api/v3/ticker/price?symbol=BTCUSDC', { status: 200, body: { symbol: 'BTCUSDC', price: '95014.5' } });
    const plain = binanceFeed({ baseUrl: `${server.origin}/binance`, clock: systemClock });
    expect(await plain.fetch('BTC-USD-PERP')).toMatchObject({ ok: true, sample: { price: '95015.00000000' } });
    const mapped = binanceFeed({ baseUrl: `${server.origin}/binance`, clock: systemClock, symbols: { 'BTC-USD-PERP': 'BTCUSDC' } });
    expect(await mapped.fetch('BTC-USD-PERP')).toMatchObject({ ok: true, sample: { price: '95014.5' } });
  });

  it.each([
    ['HTTP error', { status: 503, body: 'busy' }, 'HTTP 503'],
    ['not JSON', { status: 200, body: '<html>' }, 'answer is not JSON'],
    ['price as a number', { status: 200, body: { symbol: 'BTCUSDT', price: 95000 } }, 'no symbol/price'],
    ['negative price', { status: 200, body: { symbol: 'BTCUSDT', price: '-1' } }, 'not a positive decimal'],
    ['zero price', { status: 200, body: { symbol: 'BTCUSDT', price: '0.000' } }, 'not a positive decimal'],
    ['exponent notation', { status: 200, body: { symbol: 'BTCUSDT', price: '9.5e4' } }, 'not a positive decimal'],
    ['another symbol', { status: 200, body: { symbol: 'ETHUSDT', price: '3300' } }, 'answer is for ETHUSDT'],
  ])('a bad answer (%s) is a feed error with the raw answer', async (_what, reply, reason) => {
    server.reply('/binance/api/v3/ticker/price?symbol=BTCUSDT', reply);
    const feed = binanceFeed({ baseUrl: `${server.origin}/binance`, clock: systemClock });
    const result = await feed.fetch('BTC-USD-PERP');
    expect(result).toMatchObject({ ok: false, error: { source: 'binance', market: 'BTC-USD-PERP', reason: expect.stringContaining(reason) } });
    expect(!result.ok && result.error.raw).toBe(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });

  it('no answer before the timeout (virtual clock) is a feed error', async () => {
    const clock = new VirtualClock(0);
    server.reply('/coinbase/products/BTC-USD/ticker', { hang: true });
    const feed = coinbaseFeed({ baseUrl: `${server.origin}/coinbase`, clock, timeoutMs: 2_000 });
    const pending = feed.fetch('BTC-USD-PERP');
    clock.advanceTo(2_000);
    expect(await pending).toMatchObject({ ok: false, error: { reason: 'timeout after 2000 ms', raw: null, at: 2_000 } });
  });
});

describe('ReferencePoller', () => {
  it('polls every feed and market on the clock; a failing feed is reported and the others go on', async () => {
    const clock = new VirtualClock(10_000);
    server.reply('/coinbase/products/BTC-USD/ticker', { status: 200, body: coinbaseTicker });
    server.reply('/kraken/0/public/Ticker?pair=XBTUSD', { status: 200, body: krakenTicker('XXBTZUSD', '95013.2') });
    server.reply('/binance/api/v3/ticker/price?symbol=BTCUSDT', { status: 503, body: '' });
    const poller = new ReferencePoller({
      clock,
      markets: ['BTC-USD-PERP'],
      intervalMs: 1_000,
      feeds: [
        coinbaseFeed({ baseUrl: `${server.origin}/coinbase`, clock }),
        krakenFeed({ baseUrl: `${server.origin}/kraken`, clock }),
        binanceFeed({ baseUrl: `${server.origin}/binance`, clock }),
      ],
    });
    const events: ReferenceEvent[] = [];
    let expected = 3;
    let wake: () => void = () => {};
    poller.subscribe((event) => {
      events.push(event);
      if (events.length === expected) wake();
    });
    const arrived = () => new Promise<void>((resolve) => (wake = resolve));

    let round = arrived();
    poller.start();
    await round;
    expect(events.filter((e) => e.kind === 'sample').map((e) => e.kind === 'sample' && e.sample.source).sort()).toEqual(['coinbase', 'kraken']);
    expect(events.find((e) => e.kind === 'feed_error')).toMatchObject({ error: { source: 'binance', reason: 'HTTP 503', at: 10_000 } });

    expected = 6;
    round = arrived();
    clock.advanceTo(11_000);
    await round;
    expect(events.slice(3).filter((e) => e.kind === 'sample').every((e) => e.kind === 'sample' && e.sample.receivedAt === 11_000)).toBe(true);
    poller.stop();
    clock.advanceTo(20_000);
    expect(server.hits).toHaveLength(6);
  });
});
