/** What a simulator run needs: markets, the true price path, the account's collateral. */
import Decimal from 'decimal.js';
import type { DecimalString } from '../../../shared/domain';
import { referencePath } from '../scenario/reference-path';
import type { Scenario, ScenarioMarket } from '../scenario/types';
import type { MarketSpec } from './model';

export type SimMarketConfig = Omit<ScenarioMarket, 'liquidationFee'> & { liquidationFee?: DecimalString };

/** The true price of a market at a time: the scenario's reference path, or the demo's walk. */
export interface ReferenceSource {
  referenceAt(market: string, t: number): Decimal;
}

export interface SimConfig {
  markets: SimMarketConfig[];
  reference: ReferenceSource;
  collateral: DecimalString;
  /** Defaults to the simulator's dev account (dev-credentials.ts). */
  account?: string;
  initialHeight?: number;
}

export const DEFAULT_LIQUIDATION_FEE = '0.005';
export const DEFAULT_INITIAL_HEIGHT = 1_600_000;

export function simConfigFromScenario(scenario: Scenario): SimConfig {
  return { markets: scenario.markets, reference: referencePath(scenario), collateral: scenario.collateral };
}

export function marketSpec(m: SimMarketConfig): MarketSpec {
  return {
    symbol: m.symbol,
    tickSize: new Decimal(m.tickSize),
    stepSize: new Decimal(m.stepSize),
    initialMargin: new Decimal(m.initialMargin),
    maintenanceMargin: new Decimal(m.maintenanceMargin),
    makerFee: new Decimal(m.makerFee),
    takerFee: new Decimal(m.takerFee),
    liquidationFee: new Decimal(m.liquidationFee ?? DEFAULT_LIQUIDATION_FEE),
  };
}
