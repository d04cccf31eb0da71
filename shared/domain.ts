/**
 * Domain vocabulary shared by main and renderer. Money, prices and sizes are decimal strings
 * here (and on the wire, and in the journal); main turns them into decimal.js values.
 */
export type DecimalString = string;

export const SIDES = ['BUY', 'SELL'] as const;
export type Side = (typeof SIDES)[number];

export const ORDER_TYPES = ['LIMIT', 'MARKET', 'STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Venue mode as the terminal infers it: `halted` and `degraded` are our inferences, never venue words. */
export const VENUE_STATUSES = ['ok', 'maintenance', 'cancel_only', 'post_only', 'halted', 'degraded'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

export const VENUE_NAMES = ['sim', 'paradex', 'dydx', 'hyperliquid'] as const;
export type VenueName = (typeof VENUE_NAMES)[number];

/** Every command ends in exactly one of these (DESIGN §2, principle 3). */
export const COMMAND_OUTCOMES = ['confirmed', 'rejected', 'denied', 'unresolved'] as const;
export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

export const EVENT_KINDS = [
  'ORDER_INTENT', 'ORDER_DENIED', 'ORDER_SENT', 'ORDER_ACK', 'ORDER_REJECT', 'ORDER_UNRESOLVED',
  'CANCEL_INTENT', 'CANCEL_ACK', 'CANCEL_REJECT', 'CANCEL_UNRESOLVED',
  'VENUE_ORDER_UPDATE', 'FILL', 'TRADE_BUST', 'FILL_REVERSED',
  /** A fill the journal held reversed that the venue lists as standing again (a rollback undid its bust). */
  'FILL_RESTORED',
  /** What an account already held when Blackbox first reconciled it: the venue's position less the fills the journal has. */
  'OPENING_POSITION', 'TRANSACTION_STATE', 'POSITION_SNAPSHOT', 'ACCOUNT_SNAPSHOT', 'PRICE_SAMPLE',
  'VENUE_STATUS', 'CONNECTION', 'VENUE_ERROR', 'REFERENCE_ERROR', 'CHAIN_HEIGHT', 'MALFORMED_MESSAGE', 'RECONCILE_RUN',
  'FUNDING_PAYMENT', 'SCHEMA_DRIFT',
  'INCIDENT_OPENED', 'INCIDENT_UPDATED', 'INCIDENT_CLOSED', 'CLAIM_CREATED', 'CLAIM_UPDATED', 'NOTE', 'ANCHOR',
  'TEST',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One journal record as it is stored and shown (DESIGN §6). */
export interface JournalEvent {
  seq: number;
  /** Local wall time, ms since epoch, from the injected clock. */
  at: number;
  /** The venue's own timestamp (ms) when the message carried one. */
  venueAt: number | null;
  /** The trading account the record belongs to, e.g. `paradex:mainnet:0x…`, `sim:local:Simulator`. */
  account: string;
  venue: string;
  kind: EventKind;
  market: string | null;
  clientId: string | null;
  venueOrderId: string | null;
  payload: unknown;
  /** The raw venue message(s) that drove this event, verbatim. */
  raw: string | null;
  prevHash: string;
  hash: string;
  /** How the record is hashed: 1 before accounts, 2 since (hash = H(prev ‖ H(record))). */
  chainVersion: number;
}

/** A price tick as the chart and status bar see it. */
export interface PriceTick {
  market: string;
  at: number;
  /** The venue's mark (what is being checked). */
  mark: DecimalString | null;
  /** The independent reference (median of fresh public feeds), null without a quorum. */
  reference: DecimalString | null;
}
