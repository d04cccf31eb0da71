/**
 * The one contract between renderer and main: every operation is a named method with a
 * runtime schema for its params, every push is a named event. Both transports (Electron IPC and
 * the local WebSocket) carry exactly these names; main validates params before dispatch.
 */
import { z } from 'zod';
import { EVENT_KINDS, ORDER_TYPES, SIDES, type PriceTick } from './domain';
import type { JournalPage, JournalSource, VerifyProgress, VerifyReport } from './journal-view';
import type { OrderPreview, OrderOutcomeView } from './orders';
import type { Result } from './result';
import type { TerminalSnapshot } from './snapshot';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a positive decimal string such as "0.5"').max(40);

/** What the order ticket (or anything else) asks for; main re-checks all of it. */
export const orderTicketSchema = z
  .object({
    market: z.string().min(1).max(64),
    side: z.enum(SIDES),
    type: z.enum(ORDER_TYPES),
    size: decimalString,
    /** `quote`: size is a notional in the quote currency, converted by main at the order's price. */
    sizeUnit: z.enum(['base', 'quote']).default('base'),
    price: decimalString.optional(),
    triggerPrice: decimalString.optional(),
    postOnly: z.boolean().default(false),
    reduceOnly: z.boolean().default(false),
  })
  .strict();
export type OrderTicket = z.infer<typeof orderTicketSchema>;
export type OrderTicketInput = z.input<typeof orderTicketSchema>;

export const methodParams = {
  getSnapshot: z.object({}).strict(),
  getPriceHistory: z.object({ market: z.string().min(1).max(64), limit: z.number().int().min(1).max(10_000) }).strict(),
  previewOrder: orderTicketSchema,
  placeOrder: orderTicketSchema,
  cancelOrder: z.object({ clientId: z.string().min(1).max(64) }).strict(),
  cancelAll: z.object({ market: z.string().min(1).max(64).optional() }).strict(),
  queryJournal: z
    .object({
      kind: z.enum(EVENT_KINDS).optional(),
      market: z.string().min(1).max(64).optional(),
      clientId: z.string().min(1).max(64).optional(),
      search: z.string().min(1).max(200).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000),
    })
    .strict(),
  verifyJournal: z.object({}).strict(),
  /** Asks the host for a file (a native dialog in Electron); hosts without one answer NOT_SUPPORTED. */
  pickJournalFile: z.object({}).strict(),
  openJournalForReview: z.object({ path: z.string().min(1).max(4096) }).strict(),
  closeJournalReview: z.object({}).strict(),
} as const;

export type MethodName = keyof typeof methodParams;
export type MethodParams<M extends MethodName> = z.infer<(typeof methodParams)[M]>;
/** What a caller may pass (defaults not yet applied). */
export type MethodInput<M extends MethodName> = z.input<(typeof methodParams)[M]>;

export interface MethodResults {
  getSnapshot: TerminalSnapshot;
  getPriceHistory: PriceTick[];
  previewOrder: OrderPreview;
  placeOrder: OrderOutcomeView;
  cancelOrder: OrderOutcomeView;
  cancelAll: OrderOutcomeView;
  queryJournal: JournalPage;
  verifyJournal: VerifyReport;
  pickJournalFile: { path: string | null };
  openJournalForReview: JournalSource;
  closeJournalReview: JournalSource;
}

export interface EventPayloads {
  /** One price tick: venue mark and independent reference. */
  price: PriceTick;
  /** The terminal's state changed in a way the status bar or tables show. */
  snapshot: TerminalSnapshot;
  /** Progress of a running chain verification. */
  verifyProgress: VerifyProgress;
}
export type EventName = keyof EventPayloads;

/** What main implements and both transports expose. */
export type ContractHandlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResults[M]>;
};

/** What the renderer calls: the same names, results as data, subscriptions that unsubscribe. */
export type BlackboxApi = {
  [M in MethodName]: (params: MethodInput<M>) => Promise<Result<MethodResults[M]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
