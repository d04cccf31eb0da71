/**
 * The venue adapter port (DESIGN §8). Every dialect (paradex, dydx, hyperliquid) turns its venue's
 * messages into these events and answers these queries. Money, prices and sizes stay decimal
 * strings here; the core turns them into decimal.js values. Every event keeps the venue message
 * that produced it verbatim, so the journal can store the evidence next to our reading of it.
 */
import type { DecimalString, Side } from '../../../shared/domain';
import type { FieldDrift } from './common/drift';

/** What the venue itself says about its mode (a subset of VenueStatus: `halted`/`degraded` are our inferences). */
export const VENUE_MODES = ['ok', 'maintenance', 'cancel_only', 'post_only'] as const;
export type VenueMode = (typeof VENUE_MODES)[number];

export const VENUE_ORDER_TYPES = [
  'MARKET', 'LIMIT', 'STOP_LIMIT', 'STOP_MARKET',
  'TAKE_PROFIT_LIMIT', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET', 'STOP_LOSS_LIMIT',
] as const;
export type VenueOrderType = (typeof VENUE_ORDER_TYPES)[number];

export const VENUE_ORDER_STATUSES = ['NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED'] as const;
export type VenueOrderStatus = (typeof VENUE_ORDER_STATUSES)[number];

export const TIME_IN_FORCE = ['GTC', 'IOC', 'POST_ONLY'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export interface VenueOrder {
  venueOrderId: string;
  clientId: string | null;
  market: string;
  side: Side;
  type: VenueOrderType;
  status: VenueOrderStatus;
  /** The venue's instruction word (GTC, IOC, POST_ONLY, RPI …). */
  instruction: string | null;
  size: DecimalString;
  remainingSize: DecimalString;
  price: DecimalString | null;
  triggerPrice: DecimalString | null;
  avgFillPrice: DecimalString | null;
  /** Kept as the venue wrote them: a new flag must not make an order unreadable. */
  flags: string[];
  /** Free text on the venue side; anything but a user cancel is venue-initiated. */
  cancelReason: string | null;
  venueAt: number | null;
}

export const LIQUIDITIES = ['TAKER', 'MAKER'] as const;
export type Liquidity = (typeof LIQUIDITIES)[number];

/**
 * Fill types the core knows. DELEVERAGE: our position closed by the venue against someone else's
 * liquidation (auto-deleveraging); OFFSETTING: dYdX's word for the same from the healthy side.
 * A venue word outside this list is kept as it came (VenueFill.fillType is open), never refused.
 */
export const FILL_TYPES = ['FILL', 'LIQUIDATION', 'UNWIND_TRANSFER', 'SETTLE_MARKET', 'RPI', 'BLOCK_TRADE', 'DELEVERAGE', 'OFFSETTING'] as const;
export type FillType = (typeof FILL_TYPES)[number];

export interface VenueFill {
  fillId: string;
  venueOrderId: string | null;
  clientId: string | null;
  market: string;
  side: Side;
  liquidity: Liquidity;
  /** One of FILL_TYPES, or the venue's own word kept as it came. */
  fillType: FillType | (string & {});
  price: DecimalString;
  size: DecimalString;
  /** "0" when the venue stated none (then `defaults` names it). */
  fee: DecimalString;
  feeCurrency: string | null;
  realizedPnl: DecimalString | null;
  venueAt: number | null;
  /** Set when the venue gave no fill id and `fillId` was derived from the fill's fields: the recipe. */
  fillIdDerived?: string;
  /** Fields the venue left out that took their stated default. */
  defaults?: string[];
}

export interface VenuePosition {
  market: string;
  side: 'LONG' | 'SHORT';
  /** Signed: positive long, negative short. */
  size: DecimalString;
  status: 'OPEN' | 'CLOSED';
  averageEntryPrice: DecimalString | null;
  liquidationPrice: DecimalString | null;
  unrealizedPnl: DecimalString | null;
  realizedPnl: DecimalString | null;
  /** Funding paid on the position so far, where the venue reports it (negative: received). */
  fundingPaid?: DecimalString | null;
  venueAt: number | null;
}

export interface VenueAccount {
  account: string;
  accountValue: DecimalString;
  totalCollateral: DecimalString;
  freeCollateral: DecimalString;
  initialMarginRequirement: DecimalString;
  /** Null when the venue's message did not state it (e.g. an older Hyperliquid clearinghouseState). */
  maintenanceMarginRequirement: DecimalString | null;
  marginCushion: DecimalString | null;
  status: 'ACTIVE' | 'LIQUIDATION';
  venueAt: number | null;
}

/** One asset the account holds (Paradex `/balance`, dYdX asset positions, Hyperliquid's USDC). */
export interface VenueBalance {
  asset: string;
  size: DecimalString;
  venueAt: number | null;
}

/** A funding payment the venue booked on a position. */
export interface VenueFunding {
  /** The venue's id, or one derived from the payment's fields (then `idDerived` is the recipe). */
  id: string;
  market: string;
  /** Signed: negative when the account paid, positive when it received. */
  amount: DecimalString;
  rate: DecimalString | null;
  /** The position the payment was on, signed as the venue states it. */
  positionSize: DecimalString | null;
  venueAt: number | null;
  idDerived?: string;
}

export interface TradeBust {
  account: string | null;
  bustedFillId: string;
  venueAt: number | null;
}

export const TRANSACTION_STATES = ['NOT_RECEIVED', 'RECEIVED', 'ACCEPTED_ON_L2', 'ACCEPTED_ON_L1', 'REJECTED', 'REVERTED'] as const;
export type TransactionState = (typeof TRANSACTION_STATES)[number];
/** States in which the chain did not take what the venue matched (Paradex: a bust usually follows). */
export const FAILED_TRANSACTION_STATES: ReadonlySet<TransactionState> = new Set(['REJECTED', 'REVERTED']);

/** The venue's settlement of a fill, liquidation or market settlement on its chain (Paradex `transaction`). */
export interface VenueTransaction {
  /** What the transaction settles: a fill id or a liquidation id. */
  id: string;
  hash: string | null;
  type: string;
  state: TransactionState;
  venueAt: number | null;
}

export interface VenuePrice {
  market: string;
  markPrice: DecimalString;
  /** The venue's index (Paradex `underlying_price`). */
  indexPrice: DecimalString | null;
  lastTradedPrice: DecimalString | null;
  externalFairPrice: DecimalString | null;
}

export interface VenueMarket {
  symbol: string;
  tickSize: DecimalString;
  stepSize: DecimalString;
  minNotional: DecimalString | null;
  /** Maintenance margin as a fraction of notional, where the venue states it. */
  maintenanceMargin?: DecimalString | null;
  /** Initial margin as a fraction of notional, and the fee rates, where the venue states them. */
  initialMargin?: DecimalString | null;
  makerFee?: DecimalString | null;
  takerFee?: DecimalString | null;
}

/** Where a venue error or malformed message came from, for the journal and the monitor. */
export type MessageSource = 'ws' | 'system_state' | 'chain_height' | 'rest';

interface EventBase {
  /** Local wall time (ms) from the injected clock, when the message arrived. */
  at: number;
  /** The venue's own timestamp (ms) when the message carried one. */
  venueAt: number | null;
  /** The venue message that produced the event, verbatim. */
  raw: string;
  /**
   * How the fact reached us: the stream (the default), a REST look-up during reconciliation, or
   * a backfill after a gap. Every source enters the journal through the same door.
   */
  via?: FactSource;
}

export type FactSource = 'ws' | 'rest' | 'backfill';

export type VenueEvent =
  | (EventBase & { kind: 'status'; status: VenueMode })
  | (EventBase & { kind: 'price'; price: VenuePrice })
  | (EventBase & { kind: 'order'; order: VenueOrder })
  | (EventBase & { kind: 'fill'; fill: VenueFill })
  | (EventBase & { kind: 'position'; position: VenuePosition })
  | (EventBase & { kind: 'account'; account: VenueAccount })
  | (EventBase & { kind: 'trade_bust'; bust: TradeBust })
  | (EventBase & { kind: 'transaction'; transaction: VenueTransaction })
  | (EventBase & { kind: 'chain_height'; height: number })
  | (EventBase & { kind: 'funding'; funding: VenueFunding })
  | (EventBase & { kind: 'malformed'; source: MessageSource; problem: string })
  /** A message type lacked a field its reader knows, or carried a new one: reported once per field and source. */
  | (Omit<EventBase, 'source'> & { kind: 'schema_drift'; source: MessageSource; message: string; field: string; change: 'missing' | 'new' })
  /** The venue answered with an error or could not be reached while we polled or subscribed. */
  | (Omit<EventBase, 'raw'> & { kind: 'venue_error'; source: MessageSource; reason: string; raw: string | null })
  /**
   * Our link to the venue's stream. `down` is emitted for every lost or failed connection, with
   * the delay before the next attempt; `raw` holds the venue frame when one explains it.
   */
  | (Omit<EventBase, 'raw'> & {
      kind: 'connection';
      state: 'up' | 'down';
      reason: string;
      attempt: number;
      retryInMs: number | null;
      raw: string | null;
    });

export type VenueListener = (event: VenueEvent) => void;

/** An order as the core asks for it; the adapter writes it in its venue's dialect. */
export interface OrderRequest {
  clientId: string;
  market: string;
  side: Side;
  type: VenueOrderType;
  size: DecimalString;
  price?: DecimalString;
  triggerPrice?: DecimalString;
  timeInForce?: TimeInForce;
  reduceOnly?: boolean;
}

/** The exact request that went out (headers are left out: they carry credentials). */
export interface SentRequest {
  method: string;
  url: string;
  /** The body bytes as sent, or null for a request without a body. */
  body: string | null;
  sentAt: number;
}

export interface Rejected {
  outcome: 'rejected';
  /** The venue's error code, e.g. SYSTEM_STATUS_POST_ONLY. */
  code: string;
  message: string;
  httpStatus: number;
  raw: string;
  request: SentRequest;
}

/**
 * We do not know whether the venue acted (timeout, transport error, 5xx, unreadable answer).
 * Never to be read as a rejection. `request` is null only when no byte reached the venue.
 */
export interface Unresolved {
  outcome: 'unresolved';
  reason: string;
  httpStatus: number | null;
  raw: string | null;
  request: SentRequest | null;
}

export type PlaceResult =
  | { outcome: 'accepted'; venueOrderId: string; raw: string; request: SentRequest }
  | Rejected
  | Unresolved;

export type CancelResult = { outcome: 'accepted'; raw: string; request: SentRequest } | Rejected | Unresolved;

export interface QueryError {
  /** http: the venue answered an error status; transport: no answer; malformed: an answer we cannot read. */
  kind: 'http' | 'transport' | 'malformed';
  message: string;
  httpStatus: number | null;
  code: string | null;
  raw: string | null;
}

/** A list item we could not read; the list is incomplete by these. */
export interface MalformedItem {
  raw: string;
  problem: string;
}

export type QueryResult<T> =
  | { ok: true; value: T; raw: string[]; malformed: MalformedItem[]; drift?: FieldDrift[] }
  | { ok: false; error: QueryError };

/** One look-up by client id: "not found" is an answer, distinct from an error. */
export type OrderLookup = { found: true; order: VenueOrder } | { found: false };

export interface VenueAdapter {
  readonly venue: string;
  /** Read by address only: order entry answers WATCH_ONLY, so the terminal offers none. */
  readonly watchOnly: boolean;
  /** Starts the stream and the pollers; resolves once the first connection attempt has settled. */
  connect(): Promise<void>;
  /** Stops the stream, the pollers and every timer. */
  close(): Promise<void>;
  /** Tries the stream again now instead of at its next scheduled attempt; false when none is waiting. */
  retryNow?(): boolean;
  subscribe(listener: VenueListener): () => void;

  placeOrder(request: OrderRequest): Promise<PlaceResult>;
  /** `market` is required by venues that scope client ids per market. */
  cancelOrder(clientId: string, market?: string): Promise<CancelResult>;
  cancelAll(market?: string): Promise<CancelResult>;

  markets(): Promise<QueryResult<VenueMarket[]>>;
  prices(): Promise<QueryResult<VenuePrice[]>>;
  openOrders(market?: string): Promise<QueryResult<VenueOrder[]>>;
  orderByClientId(clientId: string): Promise<QueryResult<OrderLookup>>;
  ordersHistory(query: { since: number; market?: string }): Promise<QueryResult<VenueOrder[]>>;
  fills(query: { since: number; market?: string }): Promise<QueryResult<VenueFill[]>>;
  tradeBusts(): Promise<QueryResult<TradeBust[]>>;
  positions(): Promise<QueryResult<VenuePosition[]>>;
  account(): Promise<QueryResult<VenueAccount>>;
  systemState(): Promise<QueryResult<VenueMode>>;
  /** Only for venues with a chain the terminal can read. */
  chainHeight?(): Promise<QueryResult<number>>;
  /** Funding payments booked since `since` (ms). */
  funding?(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>>;
  /** What the account holds, asset by asset. */
  balances?(): Promise<QueryResult<VenueBalance[]>>;
}
