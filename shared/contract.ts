/**
 * The one contract between renderer and main: every operation is a named method with a
 * runtime schema for its params, every push is a named event. Both transports (Electron IPC and
 * the local WebSocket) carry exactly these names; main validates params before dispatch.
 */
import { z } from 'zod';
import { EVENT_KINDS, ORDER_TYPES, SIDES, type JournalEvent, type PriceTick } from './domain';
import type { JournalPage, JournalSource, VerifyProgress, VerifyReport } from './journal-view';
import { CLAIM_STATUSES, type ClaimView, type ExportProgress, type ExportView, type IncidentView, type RestoredOrderView } from './incidents';
import type { OrderPreview, OrderOutcomeView } from './orders';
import type { Result } from './result';
import { CANDLE_INTERVALS, type ChartHistory } from './chart';
import type { JournalReviewStats } from './review';
import { marketRiskSchema, type MarketRiskSettings } from './risk-settings';
import type { SessionView, TerminalSnapshot } from './snapshot';
import { tsaUrlListSchema, type TsaSettingsView } from './tsa-settings';
import { saveVenueAccountSchema, type VenueSettingsView } from './venue-accounts';

/** Bounded so that no size or price beyond any market's reaches the core: 12 digits each side of the point. */
const decimalString = z.string().max(25).regex(/^\d{1,12}(\.\d{1,12})?$/, 'a positive decimal string such as "0.5", with at most 12 digits before and after the point');
/** Market symbols as venues spell them (BTC-USD-PERP, BTC-USD, BTC, kPEPE); the same rule as an account's markets. */
const marketName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'a market symbol such as BTC-USD-PERP');
/** Our client ids (UUIDv7 with -R/-T suffixes) and the venues' own (numbers, 0x-hex). */
const clientId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a client order id');
/** Free text from the trader: bounded, and no control characters other than line breaks and tabs. */
const plainText = (max: number) => z.string().max(max).refine((t) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t), 'text without control characters');

/** What the order ticket (or anything else) asks for; main re-checks all of it. */
export const orderTicketSchema = z
  .object({
    market: marketName,
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


/**
 * The venue faults a test may force on the embedded demo simulator (a subset of DESIGN §12's
 * venue actions). Only reachable when the host was started with BLACKBOX_TEST_HOOKS=1.
 */
export const venueFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.enum(['ok', 'maintenance', 'cancel_only', 'post_only']) }).strict(),
  z.object({ kind: z.literal('halt'), seconds: z.number().int().min(1).max(600) }).strict(),
  z.object({ kind: z.literal('disconnect'), seconds: z.number().int().min(1).max(600) }).strict(),
  z.object({ kind: z.literal('markOverride'), market: marketName, price: decimalString }).strict(),
  z.object({ kind: z.literal('markRelease'), market: marketName }).strict(),
  z.object({ kind: z.literal('cancelOpenOrders'), except: z.array(z.enum(ORDER_TYPES)).max(8), reason: z.string().regex(/^[A-Z0-9_]{1,64}$/, 'a venue reason such as SYSTEM_MAINTENANCE'), market: marketName.optional() }).strict(),
]);
export type VenueFault = z.infer<typeof venueFaultSchema>;

const replaySpeed = z.number().int().min(1).max(600);
const claimId = z.string().regex(/^C\d{1,9}$/, 'a claim id such as C1');

export const methodParams = {
  getSnapshot: z.object({}).strict(),
  getPriceHistory: z.object({ market: marketName, limit: z.number().int().min(1).max(10_000) }).strict(),
  previewOrder: orderTicketSchema,
  placeOrder: orderTicketSchema,
  cancelOrder: z.object({ clientId }).strict(),
  cancelAll: z.object({ market: marketName.optional() }).strict(),
  queryJournal: z
    .object({
      kind: z.enum(EVENT_KINDS).optional(),
      /** One account's records (`paradex:mainnet:0x…`); all accounts when absent. */
      account: plainText(200).min(1).optional(),
      market: marketName.optional(),
      clientId: clientId.optional(),
      search: plainText(200).min(1).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000),
    })
    .strict(),
  verifyJournal: z.object({}).strict(),
  /** Asks the host for a file (a native dialog in Electron); hosts without one answer NOT_SUPPORTED. */
  pickJournalFile: z.object({}).strict(),
  openJournalForReview: z.object({ path: plainText(4096).min(1) }).strict(),
  closeJournalReview: z.object({}).strict(),
  /** Journal records by seq (an incident's evidence), from the live journal. */
  getJournalEvents: z.object({ seqs: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
  listIncidents: z.object({}).strict(),
  /** Places again, once each, the orders the venue cancelled; each goes through the band check. */
  restoreCancelled: z.object({}).strict(),
  /** Re-sends an order or cancel that ended unresolved; only ever on the trader's click. */
  retryCommand: z.object({ clientId }).strict(),
  listClaims: z.object({}).strict(),
  createClaim: z.object({ incidentIds: z.array(z.string().regex(/^I\d{1,9}$/, 'an incident id such as I1')).min(1).max(100) }).strict(),
  updateClaim: z
    .object({
      id: claimId,
      status: z.enum(CLAIM_STATUSES).exclude(['draft']).optional(),
      refundAmount: decimalString.optional(),
      note: plainText(2000).optional(),
    })
    .strict()
    .refine((p) => p.status !== undefined || p.note !== undefined, 'give a status or a note')
    .refine((p) => (p.status === 'refunded') === (p.refundAmount !== undefined), 'a refund amount goes with status "refunded", and only with it'),
  /** Test hook: forces a fault on the demo simulator; FORBIDDEN unless the host enabled test hooks. */
  injectVenueFault: z.object({ fault: venueFaultSchema }).strict(),
  /** Writes the claim's evidence bundle (folder, zip, PDF where it can print) beside the journal. */
  exportClaim: z.object({ id: claimId }).strict(),
  /** The bundled incident scenarios, by name. */
  listScenarios: z.object({}).strict(),
  /** Plays a bundled scenario live in place of the live terminal, at 1–600× real time. */
  startReplay: z.object({ scenario: z.string().regex(/^[\w.-]{1,100}$/, 'a bundled scenario name'), speed: replaySpeed }).strict(),
  setReplaySpeed: z.object({ speed: replaySpeed }).strict(),
  stopReplay: z.object({}).strict(),
  getRiskSettings: z.object({ market: marketName }).strict(),
  /** Overrides some of a market's band and caps; the rest keep their current values. */
  setRiskSettings: z.object({ market: marketName, settings: marketRiskSchema.partial().strict() }).strict(),
  /** The time-stamp authorities in force, where that list comes from, and the list saved in Settings. */
  getTsaSettings: z.object({}).strict(),
  /** Saves the authorities a venue account's terminal anchors with from its next start; an empty list: the defaults. */
  setTsaSettings: z.object({ urls: tsaUrlListSchema }).strict(),
  /** The venue accounts, which one the live terminal runs on, and how secrets are kept here. */
  getVenueSettings: z.object({}).strict(),
  /** Adds or replaces an account; a Paradex key is encrypted at rest (or held in memory) and never sent back. */
  saveVenueAccount: saveVenueAccountSchema,
  removeVenueAccount: z.object({ id: z.string().regex(/^A\d{1,6}$/) }).strict(),
  /** Moves the live terminal to an account (null: the built-in simulator); the journal stays the same file. */
  useVenueAccount: z.object({ id: z.string().regex(/^A\d{1,6}$/).nullable() }).strict(),
  /** Closes one position: a reduce-only market order, sent as limit-IOC at the band edge. */
  closePosition: z.object({ market: marketName }).strict(),
  /** Closes every position the venue reports, each as closePosition does. */
  closeAllPositions: z.object({}).strict(),
  /** Candles of the venue's mark with the reference and band, from the journal's samples, older than `before` (ms). */
  getChartHistory: z.object({ market: marketName, interval: z.enum(CANDLE_INTERVALS), before: z.number().int().positive().optional(), limit: z.number().int().min(1).max(2000) }).strict(),
  /** Daily PnL, equity curve and per-market fees and funding of the journal the Journal tab shows. */
  journalReviewStats: z.object({}).strict(),
  /** Tries the venue link again now instead of waiting for its next scheduled attempt. */
  retryConnection: z.object({}).strict(),
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
  getJournalEvents: JournalEvent[];
  listIncidents: IncidentView[];
  restoreCancelled: RestoredOrderView[];
  retryCommand: OrderOutcomeView;
  listClaims: ClaimView[];
  createClaim: ClaimView;
  updateClaim: ClaimView;
  injectVenueFault: { applied: VenueFault['kind'] };
  exportClaim: ExportView;
  listScenarios: string[];
  startReplay: SessionView;
  setReplaySpeed: SessionView;
  stopReplay: SessionView;
  getRiskSettings: MarketRiskSettings;
  setRiskSettings: MarketRiskSettings;
  getTsaSettings: TsaSettingsView;
  setTsaSettings: TsaSettingsView;
  getVenueSettings: VenueSettingsView;
  saveVenueAccount: VenueSettingsView;
  removeVenueAccount: VenueSettingsView;
  useVenueAccount: VenueSettingsView;
  closePosition: OrderOutcomeView;
  closeAllPositions: (OrderOutcomeView & { market: string })[];
  getChartHistory: ChartHistory;
  journalReviewStats: JournalReviewStats;
  retryConnection: { retried: boolean };
}

export interface EventPayloads {
  /** One price tick: venue mark and independent reference. */
  price: PriceTick;
  /** The terminal's state changed in a way the status bar or tables show. */
  snapshot: TerminalSnapshot;
  /** Progress of a running evidence export. */
  exportProgress: ExportProgress;
  /** Progress of a running chain verification. */
  verifyProgress: VerifyProgress;
  /** An incident opened, changed or closed: its whole current view. */
  incident: IncidentView;
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
