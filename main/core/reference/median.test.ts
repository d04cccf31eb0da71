import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { median, referenceQuote } from './median';
import { ReferencePrice } from './reference-price';
import type { ReferenceSample } from './sample';

const NOW = 1_768_795_200_000;
const RULE = { stalenessMs: 5_000, quorum: 2, total: 3 };

function sample(source: string, price: string, ageMs: number, market = 'BTC-USD-PERP'): ReferenceSample {
  return { source, market, price, receivedAt: NOW - ageMs, raw: `{"price":"${price}"}` };
}

describe('median', () => {
  it.each([
    [['95000'], '95000'],
    [['95000', '95001'], '95000.5'],
    [['95001', '95000', '94000'], '95000'],
    [['0.1', '0.2'], '0.15'],
    [['0.000000001', '0.000000002'], '0.0000000015'],
    [['12345678901234567890.123456789', '12345678901234567890.123456790'], '12345678901234567890.1234567895'],
    [['95000.10', '95000.20', '95000.30', '95000.40'], '95000.25'],
  ])('median of %j is exactly %s', (prices, expected) => {
    expect(median(prices)).toBe(expected);
  });
});

describe('referenceQuote', () => {
  it.each([
    {
      name: 'three fresh sources → median of three',
      samples: [sample('coinbase', '95010', 100), sample('kraken', '95000', 900), sample('binance', '95030', 10)],
      price: '95010', sources: ['binance', 'coinbase', 'kraken'], oldestAgeMs: 900, reason: null,
    },
    {
      name: 'two fresh of three → mean of the two',
      samples: [sample('coinbase', '95010.1', 0), sample('kraken', '95000.2', 4_999), sample('binance', '1', 5_000)],
      price: '95005.15', sources: ['coinbase', 'kraken'], oldestAgeMs: 4_999, reason: null,
    },
    {
      name: 'a sample exactly at the staleness limit is stale',
      samples: [sample('coinbase', '95000', 5_000), sample('kraken', '95000', 1)],
      price: null, sources: ['kraken'], oldestAgeMs: 1, reason: 'no independent price: 1 of 3 sources fresh',
    },
    {
      name: 'nothing fresh',
      samples: [sample('coinbase', '95000', 60_000)],
      price: null, sources: [], oldestAgeMs: null, reason: 'no independent price: 0 of 3 sources fresh',
    },
    {
      name: 'no samples at all',
      samples: [],
      price: null, sources: [], oldestAgeMs: null, reason: 'no independent price: 0 of 3 sources fresh',
    },
    {
      name: 'the newest sample of a source counts, once',
      samples: [sample('coinbase', '90000', 100), sample('coinbase', '95000', 50), sample('kraken', '95002', 0)],
      price: '95001', sources: ['coinbase', 'kraken'], oldestAgeMs: 50, reason: null,
    },
    {
      name: 'a fresh stale-source pair does not make two sources',
      samples: [sample('coinbase', '95000', 10), sample('coinbase', '95001', 20)],
      price: null, sources: ['coinbase'], oldestAgeMs: 10, reason: 'no independent price: 1 of 3 sources fresh',
    },
    {
      name: 'other markets are ignored',
      samples: [sample('coinbase', '3300', 0, 'ETH-USD-PERP'), sample('kraken', '3301', 0, 'ETH-USD-PERP'), sample('binance', '95000', 0)],
      price: null, sources: ['binance'], oldestAgeMs: 0, reason: 'no independent price: 1 of 3 sources fresh',
    },
  ])('$name', ({ samples, price, sources, oldestAgeMs, reason }) => {
    expect(referenceQuote('BTC-USD-PERP', samples, NOW, RULE)).toEqual({
      market: 'BTC-USD-PERP', at: NOW, price, sources, total: 3, oldestAgeMs, reason,
    });
  });

  it('a quorum of three needs all three', () => {
    const samples = [sample('coinbase', '1', 0), sample('kraken', '2', 0)];
    expect(referenceQuote('BTC-USD-PERP', samples, NOW, { ...RULE, quorum: 3 }).price).toBeNull();
    expect(referenceQuote('BTC-USD-PERP', [...samples, sample('binance', '3', 0)], NOW, { ...RULE, quorum: 3 }).price).toBe('2');
  });
});

describe('ReferencePrice', () => {
  it('quotes on the clock: fresh now, stale once the clock moves past the staleness', () => {
    const clock = new VirtualClock(NOW);
    const reference = new ReferencePrice({ clock, sources: ['coinbase', 'kraken', 'binance'] });
    reference.add(sample('coinbase', '95000', 0));
    reference.add(sample('kraken', '95002', 0));
    expect(reference.quote('BTC-USD-PERP')).toMatchObject({ price: '95001', oldestAgeMs: 0 });
    clock.advanceTo(NOW + 4_999);
    expect(reference.quote('BTC-USD-PERP')).toMatchObject({ price: '95001', oldestAgeMs: 4_999 });
    clock.advanceTo(NOW + 5_000);
    expect(reference.quote('BTC-USD-PERP')).toMatchObject({ price: null, reason: 'no independent price: 0 of 3 sources fresh' });
  });

  it('an older sample arriving late does not replace a newer one', () => {
    const clock = new VirtualClock(NOW);
    const reference = new ReferencePrice({ clock, sources: ['coinbase', 'kraken'] });
    reference.add(sample('coinbase', '95000', 0));
    reference.add(sample('coinbase', '1', 10));
    reference.add(sample('kraken', '95000', 0));
    expect(reference.quote('BTC-USD-PERP').price).toBe('95000');
    expect(reference.samples('BTC-USD-PERP').map((s) => s.price)).toEqual(['95000', '95000']);
  });
});
