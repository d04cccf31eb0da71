/**
 * Band and cap settings per market (DESIGN §7). Defaults are tighter than the venues' own bands;
 * fractions are decimal strings ("0.005" = 0.5 %).
 */
import { marketRiskSchema, type MarketRiskSettings } from '../../../shared/risk-settings';

export { marketRiskSchema, type MarketRiskSettings };

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
