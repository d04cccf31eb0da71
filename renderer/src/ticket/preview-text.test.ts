import { describe, expect, it } from 'vitest';
import { formatPercent, previewText } from './preview-text';

describe('ticket preview text', () => {
  it('reads like the trader expects', () => {
    const text = previewText({
      allowed: true, reason: null, code: null, reference: '95012.3', sourcesFresh: 3, sourcesTotal: 3, referenceAgeMs: 400,
      band: '0.005', degraded: false, deviation: '0.0012', sendPrice: '95126.3', size: '0.1',
    }, '0.1');
    expect(text).toBe('reference 95,012.3 from 3/3 sources, 0.4 s old · band ±0.50 % · your price +0.12 % ✓');
  });
  it('names the reason when blocked', () => {
    const text = previewText({
      allowed: false, reason: 'no independent price (1 of 3 sources fresh)', code: 'NO_REFERENCE', reference: null, sourcesFresh: 1, sourcesTotal: 3,
      referenceAgeMs: null, band: '0.0005', degraded: true, deviation: null, sendPrice: null, size: null,
    });
    expect(text).toBe('no reference (1/3 sources fresh) · band ±0.05 % (venue degraded) ✗ no independent price (1 of 3 sources fresh)');
  });
  it('writes the reference to the market tick', () => {
    const text = previewText({
      allowed: true, reason: null, code: null, reference: '95004.21103333', sourcesFresh: 2, sourcesTotal: 3, referenceAgeMs: null,
      band: '0.005', degraded: false, deviation: null, sendPrice: null, size: '0.1',
    }, '0.1');
    expect(text).toBe('reference 95,004.2 from 2/3 sources · band ±0.50 % ✓');
  });
  it('signs percentages', () => {
    expect(formatPercent('-0.0123', true)).toBe('−1.23 %');
    expect(formatPercent('0', true)).toBe('0.00 %');
  });
});
