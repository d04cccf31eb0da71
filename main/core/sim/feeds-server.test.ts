import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
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
