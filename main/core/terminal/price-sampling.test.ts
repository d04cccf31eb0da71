import { describe, expect, it } from 'vitest';
import { PriceSampler, RESAMPLE_MS } from './price-sampling';

describe('PriceSampler', () => {
  it('records the first price, moves of a basis point or more, and a resample when nothing moved', () => {
    const s = new PriceSampler();
    expect(s.take('BTC', '95000', 0)).toBe(true);
    expect(s.take('BTC', '95009.4', 1_000)).toBe(false); // 0.99 bp
    expect(s.take('BTC', '95009.5', 2_000)).toBe(true); // 1 bp
    expect(s.take('BTC', '95009.5', 2_000 + RESAMPLE_MS - 1)).toBe(false);
    expect(s.take('BTC', '95009.5', 2_000 + RESAMPLE_MS)).toBe(true);
    expect(s.take('ETH', '3300', 2_500)).toBe(true);
  });
  it('never lets a large jump wait for the resample period', () => {
    const s = new PriceSampler();
    s.take('BTC', '95000', 0);
    expect(s.take('BTC', '47000', 1)).toBe(true);
  });
});
