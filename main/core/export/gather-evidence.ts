/**
 * Reads from the journal what a claim's bundle shows and proves: the orders and fills involved,
 * the price samples (venue and independent) around each incident and each fill, the incidents'
 * own records and the venue status changes — and which seqs must therefore be carried in full.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import type { FillRow, Journal, JournalQuery, OrderRow } from '../journal/journal';
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
  orders: OrderRow[];
  fills: FillRow[];
  /** PRICE_SAMPLE events in any window, in seq order. */
  prices: JournalEvent[];
  /** seq → labels of the windows that sample falls in. */
  priceLabels: Map<number, string[]>;
  statuses: JournalEvent[];
  /** Every event of the clientIds involved, in seq order. */
  orderEvents: JournalEvent[];
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
  const windows: PriceWindow[] = incidents.map((i) => ({ from: i.openedAt - PRICE_MARGIN_MS, to: (i.closedAt ?? i.detectedAt) + PRICE_MARGIN_MS, label: i.id }));
  for (const e of orderEvents) {
    if (e.kind === 'FILL') windows.push({ from: e.at - PRICE_MARGIN_MS, to: e.at + PRICE_MARGIN_MS, label: e.clientId ?? String(e.seq) });
  }
  const { prices, priceLabels } = pricesIn(journal, windows);
  for (const e of prices) relevant.add(e.seq);

  // The status changes from there on, and the record(s) saying what the status was just before.
  const from = smallest(relevant) ?? Number.MAX_SAFE_INTEGER;
  const before = journal.query({ kind: 'VENUE_STATUS', beforeSeq: from, order: 'desc', limit: STATUS_RECORDS_BEFORE }).events.reverse();
  const statuses = [...before, ...allEvents(journal, { kind: 'VENUE_STATUS', afterSeq: from - 1 })];
  for (const e of statuses) relevant.add(e.seq);

  return {
    orders: journal.orders().filter((o) => o.clientId !== null && clientIds.has(o.clientId)),
    fills: [...clientIds].flatMap((clientId) => journal.fills({ clientId })).sort((a, b) => a.seq - b.seq),
    prices,
    priceLabels,
    statuses,
    orderEvents,
    relevant,
  };
}

function pricesIn(journal: Journal, windows: readonly PriceWindow[]): { prices: JournalEvent[]; priceLabels: Map<number, string[]> } {
  const bySeq = new Map<number, JournalEvent>();
  const priceLabels = new Map<number, string[]>();
  for (const w of windows) {
    for (const e of allEvents(journal, { kind: 'PRICE_SAMPLE', since: w.from }, (e) => e.at <= w.to)) {
      bySeq.set(e.seq, e);
      const labels = priceLabels.get(e.seq) ?? [];
      if (!labels.includes(w.label)) labels.push(w.label);
      priceLabels.set(e.seq, labels);
    }
  }
  return { prices: [...bySeq.values()].sort((a, b) => a.seq - b.seq), priceLabels };
}
