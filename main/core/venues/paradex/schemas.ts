/**
 * Zod schemas for the Paradex payloads we read (venue-apis.md §1.2–1.4, 1.7). Each message type
 * requires only what its record cannot do without; every other field is optional with a stated
 * default or null. Enum words the core relies on (side, status) are strict; words it only shows
 * (instruction, fill type, transaction type) are kept as they came. Decimals stay verbatim.
 */
import { z } from 'zod';
import { SIDES } from '../../../../shared/domain';
import { decimal, optionalDecimal, optionalText } from '../common/decimal';
import type { MessageSpec } from '../common/drift';
import { millis, optionalMillis } from '../common/time';
import { LIQUIDITIES, TRANSACTION_STATES, VENUE_MODES, VENUE_ORDER_STATUSES } from '../port';

/** OrderResp (paradex-py / openapi): `instruction` arrives as "" on real order history. */
export const order = {
  message: 'paradex order',
  schema: z.object({
    id: z.string().min(1),
    client_id: optionalText,
    market: z.string().min(1),
    side: z.enum(SIDES),
    type: z.string().min(1),
    instruction: optionalText,
    flags: z.array(z.string()).nullish(),
    size: decimal,
    remaining_size: decimal,
    price: optionalDecimal,
    trigger_price: optionalDecimal,
    avg_fill_price: optionalDecimal,
    status: z.enum(VENUE_ORDER_STATUSES),
    cancel_reason: optionalText,
    created_at: optionalMillis,
    last_updated_at: optionalMillis,
  }),
  sometimes: ['client_id', 'instruction', 'flags', 'price', 'trigger_price', 'avg_fill_price', 'cancel_reason', 'last_updated_at'],
  documented: ['account', 'stp', 'seq_no', 'timestamp', 'received_at', 'published_at', 'recv_window', 'signature', 'signature_timestamp'],
} satisfies MessageSpec<z.ZodObject>;

/** FillResult: a fill needs market, side, price, size, time and its id; the rest has defaults. */
export const fill = {
  message: 'paradex fill',
  schema: z.object({
    id: z.string().min(1),
    order_id: optionalText,
    client_id: optionalText,
    market: z.string().min(1),
    side: z.enum(SIDES),
    liquidity: z.enum(LIQUIDITIES).optional(),
    fill_type: optionalText,
    price: decimal,
    size: decimal,
    fee: optionalDecimal,
    fee_currency: optionalText,
    realized_pnl: optionalDecimal,
    created_at: millis,
  }),
  sometimes: ['order_id', 'client_id', 'fee_currency', 'realized_pnl'],
  documented: ['account', 'flags', 'remaining_size', 'realized_funding', 'underlying_price', 'orderbook_seq_no'],
} satisfies MessageSpec<z.ZodObject>;

/**
 * `GET /v1/positions` item. Real answers carry `realized_pnl` (ccxt's recorded response); the
 * docs name `realized_positional_pnl`: either is read, the first present wins.
 */
export const position = {
  message: 'paradex position',
  schema: z.object({
    market: z.string().min(1),
    side: z.enum(['LONG', 'SHORT']).optional(),
    size: decimal,
    status: z.enum(['OPEN', 'CLOSED']).optional(),
    average_entry_price: optionalDecimal,
    liquidation_price: optionalDecimal,
    unrealized_pnl: optionalDecimal,
    realized_pnl: optionalDecimal,
    realized_positional_pnl: optionalDecimal,
    unrealized_funding_pnl: optionalDecimal,
    created_at: optionalMillis,
    last_updated_at: optionalMillis,
  }),
  sometimes: ['realized_pnl', 'realized_positional_pnl', 'created_at', 'liquidation_price', 'unrealized_funding_pnl'],
  documented: [
    'id', 'account', 'average_entry_price_usd', 'average_exit_price', 'realized_positional_funding_pnl',
    'cost', 'cost_usd', 'cached_funding_index', 'leverage', 'last_fill_id', 'closed_at', 'seq_no',
  ],
} satisfies MessageSpec<z.ZodObject>;

export const account = {
  message: 'paradex account',
  schema: z.object({
    account: z.string().min(1),
    account_value: decimal,
    total_collateral: decimal,
    free_collateral: decimal,
    initial_margin_requirement: decimal,
    maintenance_margin_requirement: optionalDecimal,
    margin_cushion: optionalDecimal,
    status: z.enum(['ACTIVE', 'LIQUIDATION']).optional(),
    updated_at: optionalMillis,
  }),
  sometimes: ['margin_cushion'],
  documented: ['settlement_asset', 'seq_no'],
} satisfies MessageSpec<z.ZodObject>;

export const tradeBust = {
  message: 'paradex tradebust',
  schema: z.object({
    account: optionalText,
    busted_fill_id: z.string().min(1),
    created_at: optionalMillis,
  }),
} satisfies MessageSpec<z.ZodObject>;

/** `transaction` channel and `GET /v1/transactions` item (paradex-py TransactionResponse). */
export const transaction = {
  message: 'paradex transaction',
  schema: z.object({
    id: z.string().min(1),
    hash: optionalText,
    type: z.string().min(1),
    state: z.enum(TRANSACTION_STATES),
    created_at: optionalMillis,
    completed_at: optionalMillis,
  }),
  sometimes: ['hash', 'completed_at'],
} satisfies MessageSpec<z.ZodObject>;

/** `GET /v1/funding/payments` item (venue-apis.md §1.4): `payment` is signed, negative when paid. */
export const fundingPayment = {
  message: 'paradex funding payment',
  schema: z.object({
    id: z.string().min(1),
    market: z.string().min(1),
    payment: decimal,
    index: optionalDecimal,
    fill_id: optionalText,
    created_at: millis,
  }),
  sometimes: ['index', 'fill_id'],
  documented: ['account'],
} satisfies MessageSpec<z.ZodObject>;

/** `GET /v1/balance` item (ccxt's recorded response: `{token, size, last_updated_at}`). */
export const balance = {
  message: 'paradex balance',
  schema: z.object({ token: z.string().min(1), size: decimal, last_updated_at: optionalMillis }),
  sometimes: ['last_updated_at'],
} satisfies MessageSpec<z.ZodObject>;

export const marketSummarySchema = z.object({
  symbol: z.string().min(1),
  mark_price: decimal,
  underlying_price: optionalDecimal,
  last_traded_price: optionalDecimal,
  external_fair_price: optionalDecimal,
  created_at: optionalMillis,
});

export const marketSchema = z.object({
  symbol: z.string().min(1),
  price_tick_size: decimal,
  order_size_increment: decimal,
  min_notional: optionalDecimal,
  delta1_cross_margin_params: z.object({ imf_base: decimal, mmf_factor: decimal }).partial().optional(),
  fee_config: z.object({ api_fee: z.object({ maker_fee: z.object({ fee: decimal }).partial(), taker_fee: z.object({ fee: decimal }).partial() }).partial() }).partial().optional(),
});

/** `status` is matched case-insensitively: the docs write the modes in upper case too. */
export const systemStateSchema = z.object({
  status: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(VENUE_MODES)),
});

export const apiErrorSchema = z.object({ error: z.string().min(1), message: z.string().optional() });

export const listSchema = z.object({ results: z.array(z.unknown()) });

export const pageSchema = z.object({
  results: z.array(z.unknown()),
  next: z.string().nullish(),
});

export const orderCreatedSchema = z.object({ id: z.string().min(1) });

export const rpcBlockNumberSchema = z.object({
  result: z.number().int().nonnegative().optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
});

export const rpcResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number(), z.string()]),
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
});

export const subscriptionFrameSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.literal('subscription'),
  params: z.object({ channel: z.string().min(1), data: z.unknown() }),
});
