/**
 * Zod schemas for the dYdX v4 indexer payloads we read (venue-apis.md §2). Enums are the
 * indexer code's wire strings. Those the core relies on (side, order status) are strict; words
 * only shown (fill type) are kept as they came. Each message type requires only what its record
 * cannot do without. Decimals stay as the venue wrote them.
 */
import { z } from 'zod';
import { SIDES } from '../../../../shared/domain';
import { decimal, optionalDecimal } from '../common/decimal';
import type { MessageSpec } from '../common/drift';
import { isoTime, optionalIsoTime } from '../common/time';

/** `indexer/packages/postgres/src/types/perpetual-market-types.ts`. */
export const MARKET_STATUSES = ['ACTIVE', 'PAUSED', 'CANCEL_ONLY', 'POST_ONLY', 'INITIALIZING', 'FINAL_SETTLEMENT'] as const;
export type MarketStatus = (typeof MARKET_STATUSES)[number];

/** APIOrderStatus. */
export const ORDER_STATUSES = ['OPEN', 'FILLED', 'CANCELED', 'BEST_EFFORT_CANCELED', 'UNTRIGGERED', 'ERROR', 'BEST_EFFORT_OPENED'] as const;
export const ORDER_TYPES = [
  'LIMIT', 'MARKET', 'STOP_LIMIT', 'STOP_MARKET', 'TRAILING_STOP', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TWAP', 'TWAP_SUBORDER',
] as const;
/** `indexer/packages/postgres/src/types/fill-types.ts`. */
export const FILL_TYPES = ['LIMIT', 'LIQUIDATED', 'LIQUIDATION', 'DELEVERAGED', 'OFFSETTING', 'TWAP_SUBORDER'] as const;
export type DydxFillType = (typeof FILL_TYPES)[number];

/** `proto/dydxprotocol/indexer/shared/removal_reason.proto`, as vulcan writes it (full enum name). */
export const REMOVAL_REASONS = [
  'ORDER_REMOVAL_REASON_EXPIRED', 'ORDER_REMOVAL_REASON_USER_CANCELED', 'ORDER_REMOVAL_REASON_UNDERCOLLATERALIZED',
  'ORDER_REMOVAL_REASON_INTERNAL_ERROR', 'ORDER_REMOVAL_REASON_SELF_TRADE_ERROR',
  'ORDER_REMOVAL_REASON_POST_ONLY_WOULD_CROSS_MAKER_ORDER', 'ORDER_REMOVAL_REASON_IMMEDIATE_OR_CANCEL_WOULD_REST_ON_BOOK',
  'ORDER_REMOVAL_REASON_FOK_ORDER_COULD_NOT_BE_FULLY_FULLED', 'ORDER_REMOVAL_REASON_REDUCE_ONLY_RESIZE',
  'ORDER_REMOVAL_REASON_INDEXER_EXPIRED', 'ORDER_REMOVAL_REASON_REPLACED', 'ORDER_REMOVAL_REASON_FULLY_FILLED',
  'ORDER_REMOVAL_REASON_EQUITY_TIER', 'ORDER_REMOVAL_REASON_FINAL_SETTLEMENT',
  'ORDER_REMOVAL_REASON_VIOLATES_ISOLATED_SUBACCOUNT_CONSTRAINTS',
] as const;

/** Heights are digit strings on REST and in most frames. */
export const height = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

export const perpetualMarketSchema = z.object({
  ticker: z.string().min(1),
  status: z.enum(MARKET_STATUSES),
  oraclePrice: optionalDecimal,
  tickSize: decimal,
  stepSize: decimal,
  initialMarginFraction: decimal,
  maintenanceMarginFraction: decimal,
});

export const marketsAnswerSchema = z.object({ markets: z.record(z.string(), z.unknown()) });

export const heightAnswerSchema = z.object({ height, time: isoTime });

export const orderSchema = z.object({
  id: z.string().min(1),
  clientId: z.string(),
  ticker: z.string().min(1),
  side: z.enum(SIDES),
  /** A type not in ORDER_TYPES is kept (in flags, beside the nearest port type). */
  type: z.string().min(1),
  status: z.enum(ORDER_STATUSES),
  timeInForce: z.string().min(1),
  postOnly: z.boolean(),
  reduceOnly: z.boolean(),
  size: decimal,
  totalFilled: decimal,
  price: decimal,
  triggerPrice: optionalDecimal,
  orderFlags: z.string(),
  updatedAt: optionalIsoTime,
  /** A reason not in REMOVAL_REASONS is kept verbatim as the cancel reason. */
  removalReason: z.string().optional(),
});
export type DydxOrder = z.output<typeof orderSchema>;

/** Order frames on `v4_subaccounts` may carry only what changed (a removal names id, status and reason). */
export const orderUpdateSchema = z.object({ id: z.string().min(1) }).passthrough();

/**
 * A fill: REST names the market `market`, the subaccount channel `ticker`. `fee` is absent on
 * some channel_data fills; it then reads as "0" with the default recorded.
 */
export const fill = {
  message: 'dydx fill',
  schema: z.object({
    id: z.string().min(1),
    side: z.enum(SIDES),
    liquidity: z.enum(['TAKER', 'MAKER']).optional(),
    type: z.string().optional(),
    market: z.string().min(1).optional(),
    ticker: z.string().min(1).optional(),
    price: decimal,
    size: decimal,
    fee: optionalDecimal,
    createdAt: isoTime,
    orderId: z.string().nullish(),
  }),
  sometimes: ['market', 'ticker', 'orderId'],
  documented: [
    'subaccountId', 'subaccountNumber', 'marketType', 'clobPairId', 'quoteAmount', 'eventId', 'transactionHash', 'createdAtHeight',
    'clientMetadata', 'affiliateRevShare', 'builderFee', 'builderAddress', 'orderRouterAddress', 'orderRouterFee', 'positionSizeBefore',
    'entryPriceBefore', 'positionSideBefore',
  ],
} satisfies MessageSpec<z.ZodObject>;

/** `GET /v4/fundingPayments` item (comlink `fundingPaymentsToResponseObject`); `payment` signed as the indexer writes it. */
export const fundingPayment = {
  message: 'dydx funding payment',
  schema: z.object({
    createdAt: isoTime,
    createdAtHeight: z.union([z.string(), z.number()]).optional(),
    ticker: z.string().min(1),
    size: optionalDecimal,
    side: z.string().optional(),
    rate: optionalDecimal,
    payment: decimal,
  }),
  documented: ['subaccountNumber', 'perpetualId', 'oraclePrice', 'fundingIndex'],
} satisfies MessageSpec<z.ZodObject>;

export const fundingAnswerSchema = z.object({ fundingPayments: z.array(z.unknown()) });

/** An asset position of the subaccount (USDC collateral). */
export const assetPositionSchema = z.object({ symbol: z.string().min(1), side: z.enum(['LONG', 'SHORT']).optional(), size: decimal });

export const positionSchema = z.object({
  market: z.string().min(1),
  side: z.enum(['LONG', 'SHORT']),
  status: z.enum(['OPEN', 'CLOSED', 'LIQUIDATED']),
  size: decimal,
  entryPrice: optionalDecimal,
  realizedPnl: optionalDecimal,
  unrealizedPnl: optionalDecimal,
  createdAt: optionalIsoTime,
  closedAt: optionalIsoTime,
});

export const subaccountSchema = z.object({
  address: z.string().min(1),
  subaccountNumber: z.number().int().nonnegative(),
  equity: decimal,
  freeCollateral: decimal,
  openPerpetualPositions: z.record(z.string(), z.unknown()),
  assetPositions: z.record(z.string(), z.unknown()).optional(),
  updatedAtHeight: z.unknown().optional(),
});

export const subaccountAnswerSchema = z.object({ subaccount: z.unknown() });
export const positionsAnswerSchema = z.object({ positions: z.array(z.unknown()) });
export const fillsAnswerSchema = z.object({ fills: z.array(z.unknown()) });

/** comlink's `create4xxResponse`: `{"errors":[{"msg":…,"code":…}]}`. */
export const errorAnswerSchema = z.object({
  errors: z.array(z.object({ msg: z.string(), code: z.string().optional() })).min(1),
});

/** socks `types.ts`: every outgoing message has a `type`. */
export const wsMessageSchema = z.object({
  type: z.string(),
  channel: z.string().optional(),
  id: z.string().optional(),
  contents: z.unknown().optional(),
  message: z.string().optional(),
});

export const marketsUpdateSchema = z.object({
  trading: z.record(z.string(), z.object({ status: z.enum(MARKET_STATUSES).optional(), oraclePrice: decimal.optional() }).passthrough()).optional(),
  oraclePrices: z.record(z.string(), z.object({ oraclePrice: decimal, effectiveAt: optionalIsoTime })).optional(),
});

export const subaccountContentsSchema = z.object({
  subaccount: z.unknown().optional(),
  orders: z.array(z.unknown()).optional(),
  fills: z.array(z.unknown()).optional(),
  perpetualPositions: z.array(z.unknown()).optional(),
  blockHeight: height.optional(),
});

export const blockHeightContentsSchema = z.union([
  z.object({ blockHeight: height, time: optionalIsoTime }),
  z.object({ height, time: optionalIsoTime }),
]);
