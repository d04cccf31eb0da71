import { describe, expect, it } from 'vitest';
import { formatDateTime, formatLeverage, formatMoney, formatPercent, formatPrice, formatSize, formatWord } from './format';

describe('format', () => {
  it('writes prices to the tick and sizes to the step, with separators', () => {
    expect(formatPrice('95004.21103333', '0.1')).toBe('95,004.2');
    expect(formatPrice('95003.5758', '0.1')).toBe('95,003.6');
    expect(formatPrice('3001.26', '0.05')).toBe('3,001.25');
    expect(formatSize('-0.5', '0.001')).toBe('−0.500');
    expect(formatSize('12', '1', { signed: true })).toBe('+12');
  });
  it('writes money with its currency and two decimals, percentages one way', () => {
    expect(formatMoney('-0.4750816665', 'USDC')).toBe('−0.48 USDC');
    expect(formatMoney('1234567.891', 'USDC', { signed: true })).toBe('+1,234,567.89 USDC');
    expect(formatMoney('-0.001', 'USDC')).toBe('0.00 USDC');
    expect(formatPercent('0.005')).toBe('0.50 %');
    expect(formatPercent('-0.031', { signed: true })).toBe('−3.10 %');
    expect(formatLeverage('4.75')).toBe('4.75×');
    expect(formatMoney(null, 'USDC')).toBe('—');
  });
  it('names the zone of every time and writes venue words one way', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 19, 4, 27, 54))).toBe('2026-01-19 04:27:54 UTC');
    expect(formatWord('POST_ONLY')).toBe('post-only');
  });
});
