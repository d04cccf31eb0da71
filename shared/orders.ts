/** What main tells the renderer about an order decision. Decimals are strings. */
import type { CommandOutcome, DecimalString } from './domain';

/** The band decision main computed for a ticket, for the live preview. */
export interface OrderPreview {
  allowed: boolean;
  /** Why it is blocked (or null when allowed), in words a trader reads. */
  reason: string | null;
  code: string | null;
  reference: DecimalString | null;
  sourcesFresh: number;
  sourcesTotal: number;
  /** Age of the oldest source used, ms. */
  referenceAgeMs: number | null;
  /** The band in force as a fraction, e.g. "0.005". */
  band: DecimalString;
  degraded: boolean;
  /** The order's price relative to the reference, as a fraction. */
  deviation: DecimalString | null;
  /** The limit price main would send (a market order's band edge). */
  sendPrice: DecimalString | null;
  /** The size in base units after converting a notional and rounding to the step. */
  size: DecimalString | null;
  /** What the order costs and does to the account, computed in main; absent when it cannot be priced. */
  figures?: TicketFigures | null;
  /** Main's full reasoning, one line each, for the ticket's "?" (the short reason stays in `reason`). */
  explanation?: string[];
  /** A short reason for the disabled button (a few words, no ids). */
  shortReason?: string | null;
}

export interface TicketFigures {
  currency: string;
  /** The price the figures assume (limit price, market order's band edge, trigger, or the reference). */
  price: DecimalString;
  orderValue: DecimalString;
  /** Initial margin the order adds (0 for the part that reduces a position); null when the venue does not state its margin. */
  marginRequired: DecimalString | null;
  feeEstimate: DecimalString | null;
  /** "maker" or "taker": which fee the estimate assumes. */
  feeKind: 'maker' | 'taker';
  leverageAfter: DecimalString | null;
  liquidationAfter: DecimalString | null;
}

export interface OrderOutcomeView {
  clientId: string | null;
  outcome: CommandOutcome;
  reason: string | null;
}
