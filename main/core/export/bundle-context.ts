/** Who and what a bundle is about: the venue, the account, and for a replay the scenario. */
import type { Scenario, ScenarioMarket } from '../scenario/types';

export interface BundleContext {
  venue: string;
  account: Record<string, string>;
  scenario?: {
    name: string;
    description?: string;
    start: string;
    until: string;
    markets: ScenarioMarket[];
  };
}

export function scenarioContext(scenario: Scenario): BundleContext {
  return {
    venue: `${scenario.dialect} (simulated)`,
    account: { collateral: scenario.collateral },
    scenario: {
      name: scenario.name,
      ...(scenario.description ? { description: scenario.description } : {}),
      start: new Date(scenario.start).toISOString(),
      until: new Date(scenario.until).toISOString(),
      markets: scenario.markets,
    },
  };
}
