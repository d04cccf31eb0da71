/**
 * The simulated venue's state. Everything a rollback restores lives in VenueBook; market
 * prices, venue status and fault windows are operational state outside it.
 */
import type Decimal from 'decimal.js';
import type { OrderType, Side } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { SimEvent } from './events';
import type { IdSource } from './ids';

export type Instruction = 'GTC' | 'IOC' | 'POST_ONLY';
export type OrderStatus = 'NEW' | 'UNTRIGGERED' | 'OPEN' | 'CLOSED';
export type FillType = 'FILL' | 'LIQUIDATION' | 'SETTLE_MARKET';
export type Liquidity = 'TAKER' | 'MAKER';
export type AccountStatus = 'ACTIVE' | 'LIQUIDATION';

export interface MarketSpec {
  symbol: string;
  tickSize: Decimal;
  stepSize: Decimal;
  initialMargin: Decimal;
  maintenanceMargin: Decimal;
  makerFee: Decimal;
  takerFee: Decimal;
  liquidationFee: Decimal;
}

export interface MarketState {
  spec: MarketSpec;
  /** The oracle's value: follows the reference path unless frozen. */
  oracle: Decimal;
  frozen: boolean;
  override: Decimal | null;
  /** mark = index = override ?? oracle. */
  mark: Decimal;
  bid: Decimal;
  ask: Decimal;
  drained: boolean;
  settled: boolean;
  lastTraded: Decimal | null;
  totalVolume: Decimal;
  orderbookSeq: number;
  updatedAt: number;
}

export interface SimOrder {
  id: string;
  clientId: string;
  market: string;
  side: Side;
  type: OrderType;
  instruction: Instruction;
  flags: string[];
  reduceOnly: boolean;
  size: Decimal;
  remaining: Decimal;
  /** null for MARKET and the *_MARKET trigger types. */
  price: Decimal | null;
  triggerPrice: Decimal | null;
  status: OrderStatus;
  cancelReason: string | null;
  filledNotional: Decimal;
  seqNo: number;
  createdAt: number;
  updatedAt: number;
}

export interface SimFill {
  id: string;
  orderId: string;
  clientId: string;
  market: string;
  /** The account's own side. */
  side: Side;
  liquidity: Liquidity;
  fillType: FillType;
  price: Decimal;
  size: Decimal;
  /** The order's remaining size after this fill. */
  remainingSize: Decimal;
  fee: Decimal;
  /** Price PnL realized by this fill, fees excluded. */
  realizedPnl: Decimal;
  underlyingPrice: Decimal;
  orderbookSeqNo: number;
  createdAt: number;
}

export interface SimPosition {
  id: string;
  market: string;
  /** Signed: positive long, negative short. */
  size: Decimal;
  averageEntryPrice: Decimal;
  /** Realized since the position last opened or flipped. */
  realizedPositionalPnl: Decimal;
  /** Side of the last non-zero size, kept once flat. */
  side: 'LONG' | 'SHORT';
  lastFillId: string;
  createdAt: number;
  closedAt: number | null;
  updatedAt: number;
  seqNo: number;
}

export interface Ledger {
  /** Cash: deposits + realized PnL − fees. */
  collateral: Decimal;
  positions: Map<string, SimPosition>;
}

export interface Tradebust {
  fillId: string;
  createdAt: number;
}

export interface VenueBook {
  /** Every order ever accepted, in creation order. */
  orders: Map<string, SimOrder>;
  /** Orders not CLOSED, in creation order. */
  open: Map<string, SimOrder>;
  byClientId: Map<string, string>;
  fills: SimFill[];
  busted: Set<string>;
  busts: Tradebust[];
  ledger: Ledger;
  height: number;
}

/** What the engine's parts share: passed to the small modules that do the work. */
export interface SimContext {
  clock: Clock;
  markets: Map<string, MarketState>;
  book: VenueBook;
  ids: IdSource;
  initialCollateral: Decimal;
  accountStatus: AccountStatus;
  emit(event: SimEvent): void;
}
