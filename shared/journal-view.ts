/** The Journal tab's view of the journal: pages of events, the verify report, which file is shown. */
import type { JournalEvent } from './domain';

export interface JournalSource {
  path: string;
  /** True for a file opened for offline review: nothing will be written to it. */
  readOnly: boolean;
}

export interface JournalPage {
  /** Newest first. */
  events: JournalEvent[];
  hasMore: boolean;
  source: JournalSource;
  /** Every account the journal shown holds records of, for the account filter. */
  accounts: string[];
}

export interface VerifyReport {
  events: number;
  head: string | null;
  verified: boolean;
  /** The first record that does not verify, and why. */
  firstBad: { seq: number; reason: string } | null;
}

export interface VerifyProgress {
  checked: number;
  total: number;
}
