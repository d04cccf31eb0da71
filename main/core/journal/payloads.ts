/**
 * Payloads of the order-related event kinds: the shapes the projections read. Each is checked
 * when it is appended, so a malformed order event is refused up front instead of reaching the
 * chain or breaking a projection later. Other kinds carry any canonical-JSON value.
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

export const VENUE_ORDER_STATUSES = ['NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED'] as const;
export const LIQUIDITY_SIDES = ['MAKER', 'TAKER'] as const;

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
    status: z.enum(VENUE_ORDER_STATUSES),
    remainingSize: unsignedDecimal,
    cancelReason: z.string().optional(),
  }),
  FILL: z.object({
    fillId: text,
    side: z.enum(SIDES),
    price: unsignedDecimal,
    size: unsignedDecimal,
    fee: signedDecimal,
    liquidity: z.enum(LIQUIDITY_SIDES),
    /** The venue's word: FILL, LIQUIDATION, DELEVERAGE, SETTLE_MARKET … */
    fillType: text,
    realizedPnl: signedDecimal.optional(),
  }),
  TRADE_BUST: z.object({ fillId: text }),
  /** Reconciliation found this fill gone from the venue's history (e.g. a rollback): it no longer counts. */
  FILL_REVERSED: z.object({ fillId: text, reconcileSeq: z.number().int().optional() }),
} satisfies Partial<Record<EventKind, z.ZodType>>;

export type OrderEventKind = keyof typeof payloadSchemas;
export type OrderPayloads = { [K in OrderEventKind]: z.infer<(typeof payloadSchemas)[K]> };

export type OrderIntent = OrderPayloads['ORDER_INTENT'];
export type VenueOrderUpdate = OrderPayloads['VENUE_ORDER_UPDATE'];
export type FillPayload = OrderPayloads['FILL'];

/** Kinds whose header must name the order they belong to. */
export const KINDS_KEYED_BY_CLIENT_ID: ReadonlySet<EventKind> = new Set<EventKind>([
  'ORDER_INTENT', 'ORDER_DENIED', 'ORDER_SENT', 'ORDER_ACK', 'ORDER_REJECT', 'ORDER_UNRESOLVED',
  'CANCEL_INTENT', 'CANCEL_ACK', 'CANCEL_REJECT', 'CANCEL_UNRESOLVED', 'VENUE_ORDER_UPDATE',
]);

export function isOrderEventKind(kind: EventKind): kind is OrderEventKind {
  return Object.hasOwn(payloadSchemas, kind);
}

export type PayloadOf<K extends EventKind> = K extends OrderEventKind ? OrderPayloads[K] : unknown;

/** An event as a caller hands it to `append`; seq, time and hashes are the journal's to add. */
export type NewEvent = {
  [K in EventKind]: {
    kind: K;
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
