/** The Journal tab's review of a journal (the live one or a file opened read-only), as main computes it. Decimals are strings. */
import type { DecimalString } from './domain';

export interface ReviewDay {
  /** The UTC day, "2026-01-19". */
  day: string;
  realizedPnl: DecimalString;
  fees: DecimalString;
  funding: DecimalString;
  /** Realized PnL less fees less funding paid. */
  net: DecimalString;
  fills: number;
}

export interface ReviewMarket {
  market: string;
  realizedPnl: DecimalString;
  fees: DecimalString;
  /** Funding paid as the venue last reported it for the market; null when it never did. */
  funding: DecimalString | null;
  fills: number;
}

export interface JournalReviewStats {
  path: string;
  currency: string;
  days: ReviewDay[];
  /** Equity as the venue reported it, at most a few hundred points spread over the journal. */
  equity: { at: number; equity: DecimalString }[];
  markets: ReviewMarket[];
}
