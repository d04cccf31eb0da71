/**
 * The one way numbers and times are written on screen and in exports: prices to the market's
 * tick, sizes to its step, money with its currency and two decimals, thousands separators
 * everywhere, percentages with two decimals and a space before "%", a true minus sign, and every
 * time in UTC saying so. Decimal strings in, text out; no float ever rounds a price.
 */
import Decimal from 'decimal.js';

const MINUS = '−';
export const NONE = '—';

function parse(value: string | null | undefined): Decimal | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
}

/** Decimal places a tick or step has ("0.1" → 1, "0.001" → 3, "5" → 0). */
export function placesOf(increment: string): number {
  const d = parse(increment);
  return d === null ? 2 : Math.max(0, d.decimalPlaces());
}

function grouped(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction !== undefined ? `.${fraction}` : '');
  return negative && /[1-9]/.test(body) ? MINUS + body : body;
}

/** A number with a fixed count of decimals and thousands separators: "95,004.2". */
export function formatNumber(value: string | null | undefined, places: number, { signed = false } = {}): string {
  const d = parse(value);
  if (d === null) return NONE;
  const text = grouped(d.toFixed(places, Decimal.ROUND_HALF_UP));
  return signed && d.gt(0) && /[1-9]/.test(text) ? `+${text}` : text;
}

/** A price to the market's tick: rounded to the nearest tick multiple, written with the tick's decimals. */
export function formatPrice(value: string | null | undefined, tick: string | null | undefined): string {
  const d = parse(value);
  const t = parse(tick);
  if (d === null) return NONE;
  if (t === null || t.isZero()) return formatNumber(value, 2);
  return formatNumber(d.toNearest(t, Decimal.ROUND_HALF_UP).toString(), placesOf(tick!));
}

/** A size to the market's step (signed sizes keep their sign). */
export function formatSize(value: string | null | undefined, step: string | null | undefined, options?: { signed?: boolean }): string {
  const d = parse(value);
  if (d === null) return NONE;
  const s = parse(step);
  const rounded = s === null || s.isZero() ? d : d.toNearest(s, Decimal.ROUND_HALF_UP);
  return formatNumber(rounded.toString(), s === null ? 4 : placesOf(step!), options);
}

/** Money: two decimals and the currency, "1,234.56 USDC", "−14.25 USDC". */
export function formatMoney(value: string | null | undefined, currency: string, options?: { signed?: boolean }): string {
  const text = formatNumber(value, 2, options);
  return text === NONE ? NONE : `${text} ${currency}`;
}

/** A fraction as a percentage, one rule everywhere: two decimals, "0.50 %", "+1.25 %", "−3.10 %". */
export function formatPercent(fraction: string | null | undefined, options?: { signed?: boolean }): string {
  const d = parse(fraction);
  if (d === null) return NONE;
  return `${formatNumber(d.times(100).toString(), 2, options)} %`;
}

/** Leverage as a multiple: "4.75×". */
export function formatLeverage(value: string | null | undefined): string {
  const text = formatNumber(value, 2);
  return text === NONE ? NONE : `${text}×`;
}

/** A whole count with separators: "12,345". */
export const formatCount = (n: number) => grouped(String(Math.trunc(n)));

/** "21:40:10 UTC" */
export const formatTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
/** "2026-01-19 21:40:10 UTC" */
export const formatDateTime = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** The venue's words for modes and flags, written one way: "post_only" → "post-only". */
export const formatWord = (word: string) => word.toLowerCase().replace(/_/g, '-');
