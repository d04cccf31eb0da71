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
}

export interface OrderOutcomeView {
  clientId: string | null;
  outcome: CommandOutcome;
  reason: string | null;
}
