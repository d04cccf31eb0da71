import { describe, expect, it } from 'vitest';
import { PriceWatch } from './price-watch';

const M = 'BTC-USD-PERP';
const readable = (texts: string[]) => texts.forEach((t) => expect(t).not.toMatch(/NaN|Infinity/));

describe('PriceWatch with marks of 0, below 0 and absurd', () => {
  it.each([
    ['0', '100 %', '1'],
    ['-950', '101 %', '1.01'],
    ['95000000', '99900 %', '999'],
  ])('a venue mark of %s diverges by %s from the reference, then converges', (mark, percent, gap) => {
    const watch = new PriceWatch();
    watch.onReference(M, '95000', 0, [1]);
    const diverged = watch.onMark(M, mark, 1_000, 2);
    expect(diverged.findings.map((f) => [f.kind, f.detail.gap])).toEqual([['PRICE_DIVERGENCE', gap]]);
    expect(diverged.findings[0].summary).toContain(percent);
    readable(diverged.findings.map((f) => f.summary));
    expect(watch.onMark(M, '95010', 2_000, 3)).toEqual({ findings: [], ended: ['PRICE_DIVERGENCE'] });
  });

  it('a reference of 0 measures nothing: no finding, no division by it, and a good reference is judged again', () => {
    const watch = new PriceWatch();
    watch.onMark(M, '0', 0, 1);
    expect(watch.onReference(M, '0', 1_000, [2])).toEqual({ findings: [], ended: [] });
    expect(watch.onReference(M, '-5', 2_000, [3])).toEqual({ findings: [], ended: [] });
    expect(watch.onReference(M, '95000', 3_000, [4]).findings.map((f) => f.kind)).toEqual(['PRICE_DIVERGENCE']);
  });

  it('a mark stuck while the reference starts from 0 is judged from the first usable reference on, without dividing by 0', () => {
    const watch = new PriceWatch({ divergence: '100', staleAfterMs: 60_000, staleMove: '0.005' });
    watch.onReference(M, '0', 0, [1]);
    watch.onMark(M, '95000', 0, 2);
    const later = watch.onReference(M, '96000', 61_000, [3]);
    expect(later.findings).toEqual([]);
    readable(later.findings.map((f) => f.summary));
  });
});
