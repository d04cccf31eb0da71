import { describe, expect, it } from 'vitest';
import { parseOffset } from './offset';
import { referencePath } from './reference-path';

const start = Date.parse('2026-01-19T04:00:00Z');
const path = referencePath({
  reference: {
    'BTC-USD-PERP': [
      { offset: '00:00:00', at: start, price: '95000' },
      { offset: '00:30:00', at: start + 1_800_000, price: '95200' },
      { offset: '08:00:00', at: start + 28_800_000, price: '95600' },
    ],
    'ETH-USD-PERP': [{ offset: '00:10:00', at: start + 600_000, price: '3300' }],
  },
});

describe('referencePath', () => {
  it.each([
    [-5_000, '95000'],
    [0, '95000'],
    [900_000, '95100'],
    [10_000, '95001.11111111'],
    [1_800_000, '95200'],
    [1_800_000 + 13_500_000, '95400'],
    [28_800_000, '95600'],
    [40_000_000, '95600'],
  ])('BTC at +%i ms is %s', (offset, expected) => {
    expect(path.referenceAt('BTC-USD-PERP', start + offset).toFixed()).toBe(expected);
  });

  it('holds a single point flat on both sides', () => {
    expect(path.referenceAt('ETH-USD-PERP', start).toFixed()).toBe('3300');
    expect(path.referenceAt('ETH-USD-PERP', start + 9_000_000).toFixed()).toBe('3300');
  });

  it('refuses a market it has no path for', () => {
    expect(() => path.referenceAt('SOL-USD-PERP', start)).toThrow(/SOL-USD-PERP/);
  });
});

describe('offsets', () => {
  it.each([['00:00:00', 0], ['00:27:54', 1_674_000], ['08:30:00', 30_600_000], ['100:00:01', 360_001_000]])('%s is %i ms', (text, ms) => {
    expect(parseOffset(text)).toBe(ms);
  });

  it.each(['0:00:00', '00:60:00', '00:00:60', '00:00', 'ab:cd:ef', ' 00:00:01'])('rejects %j', (text) => {
    expect(parseOffset(text)).toBeNull();
  });
});
