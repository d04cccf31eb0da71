/**
 * Which records a claim's bundle carries in full: the evidence, every record of the orders
 * involved, the price samples (venue and independent) around each incident and each fill, the
 * incidents' own records and the venue status changes. What the bundle shows is then made from
 * those records alone (report-evidence.ts), so that a verifier can make it again.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import type { Journal, JournalQuery } from '../journal/journal';
import { MAX_PAGE } from '../journal/event-reader';

/** Price samples this long before and after each incident and fill. */
export const PRICE_MARGIN_MS = 60_000;
/** The venue's own status record and the terminal's reading of it come in pairs. */
const STATUS_RECORDS_BEFORE = 2;

export interface PriceWindow {
  from: number;
  to: number;
  /** The incident id or the fill's clientId it is drawn around. */
  label: string;
}

export interface Evidence {
  /** Seqs journal.jsonl carries in full. */
  relevant: Set<number>;
}

/** Every event matching `q`, page by page in seq order, while `keep` says so. */
export function* allEvents(journal: Journal, q: JournalQuery, keep: (e: JournalEvent) => boolean = () => true): Generator<JournalEvent> {
  let afterSeq = q.afterSeq;
  for (;;) {
    const page = journal.query({ ...q, afterSeq, limit: MAX_PAGE, order: 'asc' });
    for (const event of page.events) {
      if (!keep(event)) return;
      yield event;
    }
    if (!page.more || page.events.length === 0) return;
    afterSeq = page.events[page.events.length - 1].seq;
  }
}

/** The least of many numbers (a spread into Math.min fails beyond about 100k arguments). */
export function smallest(values: Iterable<number>): number | null {
  let least: number | null = null;
  for (const v of values) if (least === null || v < least) least = v;
  return least;
}

export function involvedClientIds(claim: Claim, incidents: readonly IncidentView[]): string[] {
  const ids = new Set<string>();
  for (const item of claim.items) ids.add(item.clientId);
  for (const incident of incidents) for (const id of incident.clientIds) ids.add(id);
  return [...ids].sort();
}

/** The spans whose price samples are carried: around each incident and each fill of the orders involved. */
export function priceWindows(incidents: readonly IncidentView[], orderEvents: readonly JournalEvent[]): PriceWindow[] {
  const windows: PriceWindow[] = incidents.map((i) => ({ from: i.openedAt - PRICE_MARGIN_MS, to: (i.closedAt ?? i.detectedAt) + PRICE_MARGIN_MS, label: i.id }));
  for (const e of orderEvents) {
    if (e.kind === 'FILL') windows.push({ from: e.at - PRICE_MARGIN_MS, to: e.at + PRICE_MARGIN_MS, label: e.clientId ?? String(e.seq) });
  }
  return windows;
}

export function gatherEvidence(journal: Journal, claim: Claim, incidents: readonly IncidentView[]): Evidence {
  const clientIds = new Set(involvedClientIds(claim, incidents));
  const relevant = new Set<number>();
  for (const item of claim.items) for (const seq of item.evidence) relevant.add(seq);
  for (const incident of incidents) for (const seq of incident.evidence) relevant.add(seq);

  const orderEvents: JournalEvent[] = [];
  for (const clientId of clientIds) orderEvents.push(...allEvents(journal, { clientId }));
  orderEvents.sort((a, b) => a.seq - b.seq);
  for (const e of orderEvents) relevant.add(e.seq);

  const ids = new Set(incidents.map((i) => i.id));
  for (const e of allEvents(journal, { kind: ['INCIDENT_OPENED', 'INCIDENT_UPDATED', 'INCIDENT_CLOSED'] })) {
    if (ids.has((e.payload as { id?: string }).id ?? '')) relevant.add(e.seq);
  }
  for (const seq of pricesIn(journal, priceWindows(incidents, orderEvents))) relevant.add(seq);

  // The status changes from there on, and the record(s) saying what the status was just before.
  const from = smallest(relevant) ?? Number.MAX_SAFE_INTEGER;
  const before = journal.query({ kind: 'VENUE_STATUS', beforeSeq: from, order: 'desc', limit: STATUS_RECORDS_BEFORE }).events.reverse();
  const statuses = [...before, ...allEvents(journal, { kind: 'VENUE_STATUS', afterSeq: from - 1 })];
  for (const e of statuses) relevant.add(e.seq);

  return { relevant };
}

/** The seqs of the PRICE_SAMPLE records in any window. */
function pricesIn(journal: Journal, windows: readonly PriceWindow[]): Set<number> {
  const seqs = new Set<number>();
  for (const w of windows) {
    for (const e of allEvents(journal, { kind: 'PRICE_SAMPLE', since: w.from }, (e) => e.at <= w.to)) seqs.add(e.seq);
  }
  return seqs;
}
