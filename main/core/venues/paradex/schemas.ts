/**
 * Zod schemas for the Paradex payloads we read (venue-apis.md §1.2–1.4, 1.7). Enums are strict:
 * a value we do not know makes the message malformed, so it is recorded as such instead of being
 * guessed at. Unknown extra fields are ignored; decimals are kept as the venue wrote them.
 */
import { z } from 'zod';
import { SIDES } from '../../../../shared/domain';
import { FILL_TYPES, LIQUIDITIES, TRANSACTION_STATES, VENUE_MODES, VENUE_ORDER_STATUSES, VENUE_ORDER_TYPES } from '../port';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const decimal = z.string().regex(DECIMAL, 'expected a decimal string');

/** Optional prices: absent, null and "" all mean "none" (market orders carry no price). */
const optionalDecimal = z
  .union([decimal, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** Millisecond timestamps arrive as numbers, and as digit strings on some endpoints. */
export const millis = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const optionalMillis = z
  .union([millis, z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null ? null : v));

export const orderSchema = z.object({
  id: z.string().min(1),
  client_id: optionalText,
  market: z.string().min(1),
  side: z.enum(SIDES),
  type: z.enum(VENUE_ORDER_TYPES),
  instruction: z.enum(['GTC', 'POST_ONLY', 'IOC', 'RPI']).optional(),
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
});

export const fillSchema = z.object({
  id: z.string().min(1),
  order_id: optionalText,
  client_id: optionalText,
  market: z.string().min(1),
  side: z.enum(SIDES),
  liquidity: z.enum(LIQUIDITIES),
  fill_type: z.enum(FILL_TYPES),
  price: decimal,
  size: decimal,
  fee: decimal,
  fee_currency: optionalText,
  realized_pnl: optionalDecimal,
  created_at: optionalMillis,
});

export const positionSchema = z.object({
  market: z.string().min(1),
  side: z.enum(['LONG', 'SHORT']),
  size: decimal,
  status: z.enum(['OPEN', 'CLOSED']),
  average_entry_price: optionalDecimal,
  liquidation_price: optionalDecimal,
  unrealized_pnl: optionalDecimal,
  realized_positional_pnl: optionalDecimal,
  created_at: optionalMillis,
  last_updated_at: optionalMillis,
});

export const accountSchema = z.object({
  account: z.string().min(1),
  account_value: decimal,
  total_collateral: decimal,
  free_collateral: decimal,
  initial_margin_requirement: decimal,
  maintenance_margin_requirement: decimal,
  margin_cushion: optionalDecimal,
  status: z.enum(['ACTIVE', 'LIQUIDATION']),
  updated_at: optionalMillis,
});

export const tradeBustSchema = z.object({
  account: optionalText,
  busted_fill_id: z.string().min(1),
  created_at: optionalMillis,
});

/** `transaction` channel and `GET /v1/transactions` item (paradex-py TransactionResponse). */
export const transactionSchema = z.object({
  id: z.string().min(1),
  hash: optionalText,
  type: z.enum(['TRANSACTION_FILL', 'TRANSACTION_LIQUIDATE', 'TRANSACTION_SETTLE_MARKET']),
  state: z.enum(TRANSACTION_STATES),
  created_at: optionalMillis,
  completed_at: optionalMillis,
});

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

/** Short, stable wording for the journal: where it failed and why. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
