/**
 * The part of the journal order entry needs. Kept this narrow so the pipeline's contract with
 * the journal is explicit: every append here is durable before it returns, or it throws.
 */
import type { EventKind, JournalEvent } from '../../../shared/domain';

export interface NewJournalEvent {
  venue: string;
  kind: EventKind;
  market?: string | null;
  clientId?: string | null;
  venueOrderId?: string | null;
  venueAt?: number | null;
  payload: unknown;
  raw?: string | null;
}

/** Appends through this port are stamped with the terminal's account; reads are scoped to it. */
export interface DurableJournal {
  appendDurable(event: NewJournalEvent): JournalEvent;
  /** The signed position in a market as this account's journalled fills add up to (decimal string). */
  positionSize(market: string): string;
}
