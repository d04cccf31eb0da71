/** Who and what a bundle is about: the venue, the account, and for a replay the scenario. */
import type { Scenario, ScenarioMarket } from '../scenario/types';
import { accountOwner, type AccountOwner } from '../settings/account-id';

export interface BundleContext {
  venue: string;
  account: Record<string, string>;
  /** Whose claim it is: venue, network, address (and subaccount), and the records that tie them to the trader. */
  owner?: AccountOwner;
  scenario?: {
    name: string;
    description?: string;
    start: string;
    until: string;
    markets: ScenarioMarket[];
  };
}

/** A replay's context: the simulated venue, the account it recorded as, and the scenario. */
export function scenarioContext(scenario: Scenario, account: string): BundleContext {
  return {
    venue: `${scenario.dialect} (simulated)`,
    account: { collateral: scenario.collateral },
    owner: accountOwner(account),
    scenario: {
      name: scenario.name,
      ...(scenario.description ? { description: scenario.description } : {}),
      start: new Date(scenario.start).toISOString(),
      until: new Date(scenario.until).toISOString(),
      markets: scenario.markets,
    },
  };
}
