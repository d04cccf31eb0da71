/** The band and caps a trader may set per market (DESIGN §7); fractions are decimal strings. */
import { z } from 'zod';

// Bounded in digits, so that a setting cannot carry a number no market needs (a 900,000-digit cap).
const fraction = z.string().regex(/^0(\.\d{1,12})?$|^1(\.0{1,12})?$/, 'a fraction between 0 and 1 with at most 12 decimals, e.g. "0.005"');
const positiveDecimal = z.string().regex(/^\d{1,15}(\.\d{1,12})?$/, 'a positive decimal with at most 15 digits before the point and 12 after, e.g. "250000"');

export const marketRiskSchema = z.object({
  /** Largest distance an aggressive order may lie from the reference, in normal trading. */
  band: fraction,
  /** The band while the venue is in post_only / cancel_only or just reopened (Paradex's ±5 bps precedent). */
  degradedBand: fraction,
  /** How long after a reopening the degraded band still applies. */
  reopenWindowMs: z.number().int().min(0).max(24 * 3600_000),
  /** Venue mark vs reference beyond this blocks risk-increasing orders. */
  divergence: fraction,
  maxNotional: positiveDecimal,
  maxSize: positiveDecimal.nullable(),
});
export type MarketRiskSettings = z.infer<typeof marketRiskSchema>;
