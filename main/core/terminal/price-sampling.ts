/**
 * When a price is worth a journal record (DESIGN §6: "sampled on change and at least every few
 * seconds"): a move of at least a basis point, or the resample period gone by, so a frozen
 * price still shows as frozen and sub-basis-point noise does not flood the journal.
 */
import Decimal from 'decimal.js';

export const RESAMPLE_MS = 5_000;
export const MATERIAL_MOVE = new Decimal('0.0001');

export class PriceSampler {
  private readonly last = new Map<string, { text: string; price: Decimal; at: number }>();

  /** True when `price` at `at` should be recorded for `key`; remembers it if so. */
  take(key: string, price: string, at: number): boolean {
    const last = this.last.get(key);
    const due = !last || at - last.at >= RESAMPLE_MS;
    // The same text is the same price: no arithmetic needed on the most common path.
    if (!due && last!.text === price) return false;
    const next = new Decimal(price);
    if (!due && (last!.price.isZero() ? next.isZero() : next.minus(last!.price).abs().div(last!.price).lt(MATERIAL_MOVE))) return false;
    this.last.set(key, { text: price, price: next, at });
    return true;
  }
}
