/**
 * Prices as the checks read them. A venue has shown a mark of $0 (Paradex, Jan 2026), and a
 * feed can send anything: a check must judge such a price, never divide by it or throw on it.
 */
import Decimal from 'decimal.js';

/** The text as a finite decimal, or null when it is missing or not one. */
export function readPrice(text: string | null | undefined): Decimal | null {
  if (text === null || text === undefined) return null;
  try {
    const value = new Decimal(text);
    return value.isFinite() ? value : null;
  } catch {
    return null;
  }
}

/** An independent price fit to measure against: finite and above 0 (ratios are taken over it). */
export function readReference(text: string | null | undefined): Decimal | null {
  const value = readPrice(text);
  return value !== null && value.gt(0) ? value : null;
}
