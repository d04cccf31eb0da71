/**
 * A parsed scenario (DESIGN §12): the JSON's vocabulary with offsets turned into absolute
 * epoch milliseconds. Decimal values stay strings, exactly as written.
 */
import type { DecimalString, OrderType, Side } from '../../../shared/domain';

export const SCENARIO_VENUE_STATUSES = ['ok', 'maintenance', 'cancel_only', 'post_only'] as const;
export type ScenarioVenueStatus = (typeof SCENARIO_VENUE_STATUSES)[number];

export const API_OUTAGE_MODES = ['errors-but-accepts', 'down'] as const;
export type ApiOutageMode = (typeof API_OUTAGE_MODES)[number];

export interface ScenarioMarket {
  symbol: string;
  tickSize: DecimalString;
  stepSize: DecimalString;
  initialMargin: DecimalString;
  maintenanceMargin: DecimalString;
  makerFee: DecimalString;
  takerFee: DecimalString;
  /** Defaults to "0.005" when the scenario leaves it out. */
  liquidationFee: DecimalString;
}

export interface ReferencePoint {
  offset: string;
  at: number;
  price: DecimalString;
}

export interface PlaceAction {
  kind: 'place';
  clientId: string;
  market: string;
  side: Side;
  type: OrderType;
  size: DecimalString;
  price?: DecimalString;
  triggerPrice?: DecimalString;
  postOnly: boolean;
  reduceOnly: boolean;
}

export type UserAction =
  | PlaceAction
  | { kind: 'cancel'; clientId: string }
  | { kind: 'cancelAll'; market?: string }
  | { kind: 'restoreCancelled' }
  | { kind: 'reconcile' }
  /** The terminal stops (journal closed, sockets gone) and starts again on the same journal later; the venue goes on. */
  | { kind: 'restart'; downSeconds: number };

export type VenueAction =
  | { kind: 'status'; status: ScenarioVenueStatus }
  | { kind: 'snapshot'; name: string }
  | { kind: 'rollback'; name: string }
  | { kind: 'markOverride'; market: string; price: DecimalString }
  | { kind: 'markRelease'; market: string }
  | { kind: 'oracleFreeze'; market: string }
  | { kind: 'oracleRelease'; market: string }
  | { kind: 'cancelOpenOrders'; except: OrderType[]; reason: string; market?: string }
  | { kind: 'bustFill'; clientId: string }
  | { kind: 'apiOutage'; mode: ApiOutageMode; seconds: number }
  | { kind: 'disconnect'; seconds: number }
  | { kind: 'halt'; seconds: number }
  | { kind: 'settle'; market: string; price: DecimalString }
  | { kind: 'liquidityDrain'; market: string; seconds: number };

interface StepTime {
  /** Position in the file's `steps` array. */
  index: number;
  offset: string;
  /** Epoch milliseconds. */
  at: number;
}

export type ScenarioStep = StepTime & ({ actor: 'user'; action: UserAction } | { actor: 'venue'; action: VenueAction });

export interface Scenario {
  version: 1;
  name: string;
  description?: string;
  dialect: 'paradex';
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds. */
  until: number;
  markets: ScenarioMarket[];
  reference: Record<string, ReferencePoint[]>;
  collateral: DecimalString;
  steps: ScenarioStep[];
}
