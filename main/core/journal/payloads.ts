/**
 * Payloads of the kinds the projections read (orders, fills, balances, reconcile checkpoints).
 * Each is checked when it is appended, so a malformed one is refused up front instead of
 * reaching the chain or breaking a projection later. Other kinds carry any canonical-JSON value.
 */
import { z } from 'zod';
import { ORDER_TYPES, SIDES, type EventKind } from '../../../shared/domain';

const unsignedDecimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected an unsigned decimal string such as "12.5"');
const signedDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "-0.25"');
const text = z.string().min(1);

export const orderIntentSchema = z.object({
  clientId: text,
  market: text,
  side: z.enum(SIDES),
  type: z.enum(ORDER_TYPES),
  size: unsignedDecimal,
  price: unsignedDecimal.optional(),
  triggerPrice: unsignedDecimal.optional(),
  postOnly: z.boolean(),
  reduceOnly: z.boolean(),
  /** The local risk decision (price band) taken before anything was sent. */
  decision: z.object({ allowed: z.boolean(), reason: z.string().optional() }),
});

const origin = z.enum(['own', 'external', 'venue']);
/** How a venue fact reached the journal: the stream, a REST look-up, or a backfill after a gap. */
const factSource = z.string().min(1).optional();

/**
 * Payloads the projections read. Venue words (order status, liquidity, fill type) are kept as
 * the venue wrote them: a new value must never make a fact unrecordable.
 */
export const payloadSchemas = {
  ORDER_INTENT: orderIntentSchema,
  ORDER_DENIED: z.object({ reason: text }),
  /** `request` is the exact request body sent to the venue. */
  ORDER_SENT: z.object({ request: z.string() }),
  ORDER_ACK: z.object({ venueOrderId: text }),
  ORDER_REJECT: z.object({ code: z.string(), message: z.string() }),
  ORDER_UNRESOLVED: z.object({ reason: text }),
  CANCEL_INTENT: z.object({ reason: z.string().optional() }),
  CANCEL_ACK: z.object({}),
  CANCEL_REJECT: z.object({ code: z.string(), message: z.string() }),
  CANCEL_UNRESOLVED: z.object({ reason: text }),
  VENUE_ORDER_UPDATE: z.object({
    /** NEW, UNTRIGGERED, OPEN, CLOSED, or whatever else the venue says. */
    status: text,
    remainingSize: unsignedDecimal,
    cancelReason: z.string().optional(),
    source: factSource,
    /** What an order placed outside Blackbox needs to be shown; ours have them from the intent. */
    side: z.enum(SIDES).optional(),
    type: text.optional(),
    size: unsignedDecimal.optional(),
    price: unsignedDecimal.optional(),
    triggerPrice: unsignedDecimal.optional(),
    instruction: z.string().optional(),
    flags: z.array(z.string()).optional(),
    origin: origin.optional(),
  }),
  FILL: z.object({
    fillId: text,
    side: z.enum(SIDES),
    price: unsignedDecimal,
    size: unsignedDecimal,
    fee: signedDecimal,
    /** MAKER, TAKER, or the venue's own word. */
    liquidity: text,
    /** The venue's word: FILL, LIQUIDATION, DELEVERAGE, SETTLE_MARKET … */
    fillType: text,
    realizedPnl: signedDecimal.optional(),
    venueAt: z.number().int().optional(),
    source: factSource,
  }),
  TRADE_BUST: z.object({ fillId: text, source: factSource }),
  /** Reconciliation found this fill gone from the venue's history (e.g. a rollback): it no longer counts. */
  FILL_REVERSED: z.object({ fillId: text, reconcileSeq: z.number().int().optional() }),
  /** Reconciliation found a fill the journal held reversed standing again at the venue: it counts again. */
  FILL_RESTORED: z.object({ fillId: text, reconcileSeq: z.number().int().optional() }),
  OPENING_POSITION: z.object({ size: signedDecimal, venueSize: signedDecimal, reconcileSeq: z.number().int().optional() }),
  ACCOUNT_SNAPSHOT: z.object({
    totalCollateral: signedDecimal,
    accountValue: signedDecimal.nullish(),
    freeCollateral: signedDecimal.nullish(),
  }),
  /** A complete run with `windowStart` is the account's reconcile checkpoint. */
  RECONCILE_RUN: z.object({
    trigger: z.string(),
    complete: z.boolean(),
    windowStart: z.number().int().optional(),
    cursor: z.string().optional(),
  }),
} satisfies Partial<Record<EventKind, z.ZodType>>;

export type ProjectedKind = keyof typeof payloadSchemas;
export type ProjectedPayloads = { [K in ProjectedKind]: z.infer<(typeof payloadSchemas)[K]> };

export type OrderIntent = ProjectedPayloads['ORDER_INTENT'];
export type VenueOrderUpdate = ProjectedPayloads['VENUE_ORDER_UPDATE'];
export type FillPayload = ProjectedPayloads['FILL'];

/** Kinds whose header must name the order they belong to. A cancel without one is a cancel-all (account or market). */
export const KINDS_KEYED_BY_CLIENT_ID: ReadonlySet<EventKind> = new Set<EventKind>([
  'ORDER_INTENT', 'ORDER_DENIED', 'ORDER_SENT', 'ORDER_ACK', 'ORDER_REJECT', 'ORDER_UNRESOLVED',
]);

export function isProjectedKind(kind: EventKind): kind is ProjectedKind {
  return Object.hasOwn(payloadSchemas, kind);
}

export type PayloadOf<K extends EventKind> = K extends ProjectedKind ? ProjectedPayloads[K] : unknown;

/** An event as a caller hands it to `append`; seq, time and hashes are the journal's to add. */
export type NewEvent = {
  [K in EventKind]: {
    kind: K;
    /** The trading account the record belongs to (DESIGN §6). */
    account: string;
    venue: string;
    payload: PayloadOf<K>;
    venueAt?: number | null;
    market?: string | null;
    clientId?: string | null;
    venueOrderId?: string | null;
    /** The raw venue message(s) that drove this event, verbatim. */
    raw?: string | null;
  };
}[EventKind];
