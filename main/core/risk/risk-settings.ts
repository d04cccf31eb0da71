/**
 * Band and cap settings per market (DESIGN §7). Defaults are tighter than the venues' own bands;
 * fractions are decimal strings ("0.005" = 0.5 %).
 */
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

const MAJORS = new Set(['BTC', 'ETH']);

export function defaultRiskSettings(market: string): MarketRiskSettings {
  const major = MAJORS.has(market.split('-')[0]);
  return {
    band: major ? '0.005' : '0.01',
    degradedBand: '0.0005',
    reopenWindowMs: 10 * 60_000,
    divergence: '0.02',
    maxNotional: '500000',
    maxSize: null,
  };
}

/** The settings in force for a market: the trader's overrides over the defaults. */
export function riskSettingsFor(market: string, overrides: Record<string, Partial<MarketRiskSettings>>): MarketRiskSettings {
  return marketRiskSchema.parse({ ...defaultRiskSettings(market), ...overrides[market] });
}
