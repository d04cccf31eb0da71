/**
 * Zod schemas for the Hyperliquid payloads we read (venue-apis.md §3). Field names and enums
 * come from hyperliquid-python-sdk (`hyperliquid/info.py`, `utils/types.py`), the rust SDK
 * (`src/ws/sub_structs.rs`) and nktkas/hyperliquid's schemas. Unknown enum values make the item
 * malformed; decimals stay as the venue wrote them.
 */
import { z } from 'zod';
import { decimal } from '../common/decimal';

export const side = z.enum(['B', 'A']).transform((s) => (s === 'B' ? 'BUY' : 'SELL') as 'BUY' | 'SELL');
const millis = z.number().int().nonnegative();
const optionalDecimal = z.union([decimal, z.null()]).optional().transform((v) => v ?? null);

export const ORDER_TYPES = ['Market', 'Limit', 'Stop Market', 'Stop Limit', 'Take Profit Market', 'Take Profit Limit'] as const;
export const TIFS = ['Gtc', 'Ioc', 'Alo', 'FrontendMarket', 'LiquidationMarket'] as const;

export const universeItemSchema = z.object({
  name: z.string().min(1),
  szDecimals: z.number().int().nonnegative(),
  isDelisted: z.boolean().optional(),
});

export const assetCtxSchema = z.object({ markPx: decimal, oraclePx: decimal, midPx: optionalDecimal });

export const metaAndAssetCtxsSchema = z.tuple([z.object({ universe: z.array(z.unknown()) }), z.array(z.unknown())]);

const marginSummary = z.object({ accountValue: decimal, totalNtlPos: decimal, totalRawUsd: decimal, totalMarginUsed: decimal });

export const clearinghouseStateSchema = z.object({
  marginSummary,
  crossMarginSummary: marginSummary,
  crossMaintenanceMarginUsed: decimal,
  withdrawable: decimal,
  assetPositions: z.array(z.unknown()),
  time: millis,
});

export const assetPositionSchema = z.object({
  type: z.literal('oneWay'),
  position: z.object({
    coin: z.string().min(1),
    szi: decimal,
    entryPx: optionalDecimal,
    unrealizedPnl: optionalDecimal,
    liquidationPx: optionalDecimal,
  }),
});

/** The order as `orderUpdates` carries it (python `types.py` BasicOrder). */
export const basicOrderSchema = z.object({
  coin: z.string().min(1),
  side,
  limitPx: decimal,
  sz: decimal,
  oid: z.number().int().nonnegative(),
  timestamp: millis,
  origSz: decimal,
  cloid: z.string().nullish(),
});

/** `frontendOpenOrders` adds the order's type, time in force and trigger. */
export const frontendOrderSchema = basicOrderSchema.extend({
  orderType: z.enum(ORDER_TYPES),
  tif: z.enum(TIFS).nullish(),
  isTrigger: z.boolean(),
  triggerPx: decimal,
  triggerCondition: z.string(),
  isPositionTpsl: z.boolean(),
  reduceOnly: z.boolean(),
});

export const orderStatusEntrySchema = z.object({ order: z.unknown(), status: z.string().min(1), statusTimestamp: millis });

export const fillSchema = z.object({
  coin: z.string().min(1),
  px: decimal,
  sz: decimal,
  side,
  time: millis,
  dir: z.string(),
  closedPnl: decimal,
  oid: z.number().int().nonnegative(),
  crossed: z.boolean(),
  fee: decimal,
  tid: z.number().int().nonnegative(),
  feeToken: z.string().nullish(),
  cloid: z.string().nullish(),
  liquidation: z
    .object({ liquidatedUser: z.string().nullish(), markPx: decimal, method: z.enum(['market', 'backstop']) })
    .nullish(),
});

/** Semantics unconfirmed (venue-apis.md §3.2): kept whole, read as "something special" when not null. */
export const exchangeStatusSchema = z.object({ time: millis, specialStatuses: z.unknown() });

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
