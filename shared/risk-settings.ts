/** The band and caps a trader may set per market (DESIGN §7); fractions are decimal strings. */
import { z } from 'zod';

const fraction = z.string().regex(/^0(\.\d+)?$|^1(\.0+)?$/, 'a fraction between 0 and 1, e.g. "0.005"');
const positiveDecimal = z.string().regex(/^\d+(\.\d+)?$/, 'a positive decimal, e.g. "250000"');

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
