/** decimal.js helpers: money never touches a JavaScript float. */
import Decimal from 'decimal.js';

export const ZERO = new Decimal(0);

/** A decimal as a plain string ("0.00001", never "1e-5"; never "-0"). */
export function plain(d: Decimal): string {
  return d.isZero() ? '0' : d.toFixed();
}

export function floorToStep(d: Decimal, step: Decimal): Decimal {
  return d.div(step).floor().times(step);
}

export function ceilToStep(d: Decimal, step: Decimal): Decimal {
  return d.div(step).ceil().times(step);
}

export function isMultipleOf(d: Decimal, step: Decimal): boolean {
  return d.mod(step).isZero();
}
