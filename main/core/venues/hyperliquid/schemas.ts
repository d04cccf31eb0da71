/**
 * Zod schemas for the Hyperliquid payloads we read (venue-apis.md §3). Field names and enums
 * come from hyperliquid-python-sdk (`hyperliquid/info.py`, `utils/types.py`), the rust SDK
 * (`src/ws/sub_structs.rs`) and nktkas/hyperliquid's schemas. Each message type requires only
 * what its record cannot do without; words only shown (order type, tif, fill dir) are kept as
 * they came. Ids and times are read as numbers or digit strings; decimals stay verbatim.
 */
import { z } from 'zod';
import { decimal, optionalDecimal } from '../common/decimal';
import type { MessageSpec } from '../common/drift';
import { millis, numericId, optionalMillis } from '../common/time';

export const side = z.enum(['B', 'A']).transform((s) => (s === 'B' ? 'BUY' : 'SELL') as 'BUY' | 'SELL');

/** Order types and times in force the port has words for; others are kept as they came. */
export const ORDER_TYPES = ['Market', 'Limit', 'Stop Market', 'Stop Limit', 'Take Profit Market', 'Take Profit Limit'] as const;
export const TIFS = ['Gtc', 'Ioc', 'Alo', 'FrontendMarket', 'LiquidationMarket'] as const;

export const universeItemSchema = z.object({
  name: z.string().min(1),
  szDecimals: z.number().int().nonnegative(),
  isDelisted: z.boolean().optional(),
});

export const assetCtxSchema = z.object({ markPx: decimal, oraclePx: decimal, midPx: optionalDecimal });

export const metaAndAssetCtxsSchema = z.tuple([z.object({ universe: z.array(z.unknown()) }), z.array(z.unknown())]);

const marginSummary = z.object({ accountValue: decimal, totalNtlPos: optionalDecimal, totalRawUsd: optionalDecimal, totalMarginUsed: decimal });

/**
 * `clearinghouseState`. An older schema has neither `crossMaintenanceMarginUsed` nor `time`: the
 * account is still read (maintenance margin unknown, no venue time); positions are read one by one.
 */
export const clearinghouseState = {
  message: 'hyperliquid clearinghouseState',
  schema: z.object({
    marginSummary,
    crossMarginSummary: marginSummary.optional(),
    crossMaintenanceMarginUsed: optionalDecimal,
    withdrawable: decimal,
    assetPositions: z.array(z.unknown()),
    time: optionalMillis,
  }),
} satisfies MessageSpec<z.ZodObject>;

export const assetPosition = {
  message: 'hyperliquid assetPosition',
  schema: z.object({
    type: z.string().optional(),
    position: z.object({
      coin: z.string().min(1),
      szi: decimal,
      entryPx: optionalDecimal,
      unrealizedPnl: optionalDecimal,
      liquidationPx: optionalDecimal,
    }),
  }),
} satisfies MessageSpec<z.ZodObject>;

/** The order as `orderUpdates` carries it (python `types.py` BasicOrder). */
export const basicOrderSchema = z.object({
  coin: z.string().min(1),
  side,
  limitPx: decimal,
  sz: decimal,
  oid: numericId,
  timestamp: millis,
  origSz: decimal,
  cloid: z.string().nullish(),
});

/** `frontendOpenOrders` adds the order's type, time in force and trigger (words kept as they came). */
export const frontendOrderSchema = basicOrderSchema.extend({
  orderType: z.string().min(1),
  tif: z.string().nullish(),
  isTrigger: z.boolean(),
  triggerPx: decimal,
  triggerCondition: z.string(),
  isPositionTpsl: z.boolean(),
  reduceOnly: z.boolean(),
});

export const orderStatusEntrySchema = z.object({ order: z.unknown(), status: z.string().min(1), statusTimestamp: millis });

/**
 * A fill (`userFills`, WsFill). Required: coin, px, sz, side, time; `tid` is its identity, and a
 * fill without one is given an id derived from hash, oid, time, px and sz. Older fills carry
 * `liquidationMarkPx` instead of `liquidation`; newer ones `builderFee` and `twapId`.
 */
export const fill = {
  message: 'hyperliquid fill',
  schema: z.object({
    coin: z.string().min(1),
    px: decimal,
    sz: decimal,
    side,
    time: millis,
    dir: z.string().optional(),
    closedPnl: optionalDecimal,
    hash: z.string().optional(),
    oid: numericId.optional(),
    crossed: z.boolean().optional(),
    fee: optionalDecimal,
    tid: numericId.optional(),
    feeToken: z.string().nullish(),
    cloid: z.string().nullish(),
    liquidation: z
      .object({ liquidatedUser: z.string().nullish(), markPx: optionalDecimal, method: z.string().optional() })
      .nullish(),
    /** The older schema's mark of a liquidation fill (null on ordinary fills), before `liquidation`. */
    liquidationMarkPx: optionalDecimal,
  }),
  sometimes: ['cloid', 'liquidation', 'feeToken', 'liquidationMarkPx'],
  documented: ['startPosition', 'builderFee', 'twapId'],
} satisfies MessageSpec<z.ZodObject>;

/** `userFunding` item (info endpoint): `{time, hash, delta: {type: "funding", coin, usdc, szi, fundingRate, nSamples}}`. */
export const fundingDelta = z.object({
  type: z.literal('funding').optional(),
  coin: z.string().min(1),
  usdc: decimal,
  szi: optionalDecimal,
  fundingRate: optionalDecimal,
  nSamples: z.number().nullish(),
});

export const userFunding = {
  message: 'hyperliquid userFunding',
  schema: z.object({ time: millis, hash: z.string().optional(), delta: fundingDelta }),
} satisfies MessageSpec<z.ZodObject>;

/** The `funding` user event on the socket: the delta's fields with the time beside them. */
export const wsFunding = {
  message: 'hyperliquid funding event',
  schema: fundingDelta.extend({ time: millis }),
  sometimes: ['type', 'nSamples'],
} satisfies MessageSpec<z.ZodObject>;

/** `spotClearinghouseState` (ccxt's recorded response: `{balances: [{coin, token, total, hold, entryNtl}]}`). */
export const spotStateSchema = z.object({ balances: z.array(z.unknown()) });

export const spotBalance = {
  message: 'hyperliquid spot balance',
  schema: z.object({ coin: z.string().min(1), total: decimal }),
  documented: ['token', 'hold', 'entryNtl'],
} satisfies MessageSpec<z.ZodObject>;

/** Semantics unconfirmed (venue-apis.md §3.2): kept whole, read as "something special" when not null. */
export const exchangeStatusSchema = z.object({ time: millis.optional(), specialStatuses: z.unknown() });

/** `pong` comes without `data`. */
export const wsFrameSchema = z.object({ channel: z.string().min(1), data: z.unknown().optional() });

export const userEventSchema = z.union([
  z.object({ fills: z.array(z.unknown()) }),
  z.object({ funding: z.unknown() }),
  z.object({
    liquidation: z.object({
      lid: z.number(), liquidator: z.string(), liquidated_user: z.string(), liquidated_ntl_pos: decimal, liquidated_account_value: decimal,
    }),
  }),
  z.object({ nonUserCancel: z.array(z.object({ coin: z.string().min(1), oid: z.number().int().nonnegative() })) }),
  z.object({ twapHistory: z.unknown() }),
  z.object({ twapSliceFills: z.unknown() }),
]);

export const userFillsSchema = z.object({ isSnapshot: z.boolean().optional(), user: z.string(), fills: z.array(z.unknown()) });

export const activeAssetCtxSchema = z.object({ coin: z.string().min(1), ctx: z.unknown() });
