/**
 * The pure half of reconciliation: the venue's answers against the journal's projections for one
 * account, inside the window both can see. It never invents a fill or an order; what the venue no
 * longer has is named, what the journal lacks is handed to the one door as a venue fact.
 */
import Decimal from 'decimal.js';
import type { Finding } from '../../../shared/incidents';
import type { FillRow, OrderRow, PositionRow } from '../journal/projections';
import type { TradeBust, VenueFill, VenueOrder, VenuePosition } from '../venues/port';

export interface VenueStory {
  fills: VenueFill[];
  busts: TradeBust[];
  orders: VenueOrder[];
  positions: VenuePosition[];
}

export interface JournalStory {
  fills: FillRow[];
  orders: OrderRow[];
  /** Orders already found vanished, so they are named once. */
  vanishedOrders: ReadonlySet<string>;
}

/** The window the venue's lists cover: [start, now]; and the last seq the journal held when the venue was asked. */
export interface CompareWindow {
  start: number;
  /** The account's first journal record inside the window. */
  startSeq: number;
  now: number;
  /** Journal rows changed after this seq may be newer than the venue's answer: left for the next run. */
  askedAtSeq: number;
}

export interface Comparison {
  /** Venue fills the journal lacks, oldest first. */
  newFills: VenueFill[];
  /** Venue busts of fills the journal still counts. */
  newBusts: TradeBust[];
  /** Venue order states the journal does not hold yet (ours, or placed outside Blackbox). */
  orderUpdates: VenueOrder[];
  /** Journal fills inside the window that the venue no longer lists, busted or not: reversed. */
  reversed: FillRow[];
  /** Fills the journal holds reversed that the venue lists as standing again (a rollback undid the bust). */
  restored: FillRow[];
  /** Orders the journal holds live that the venue lists nowhere; each still needs a look-up before it is called vanished. */
  missing: OrderRow[];
  /** Orders that got no clear answer when sent, which the venue does list. */
  ambiguous: { row: OrderRow; order: VenueOrder }[];
  /** Cancels that got no clear answer, which the venue carried out. */
  cancelled: { row: OrderRow; order: VenueOrder }[];
  /** Orders the journal saw closed that the venue lists as live again (a rollback restored them). */
  reopened: { row: OrderRow; order: VenueOrder }[];
}

/** Fills younger than this may simply not have reached the venue's history yet. */
export const SETTLE_MS = 10_000;
const LIVE = new Set(['NEW', 'UNTRIGGERED', 'OPEN']);
/** States in which the journal holds the order as accepted and live at the venue. */
const HELD_LIVE = new Set(['acked', 'NEW', 'UNTRIGGERED', 'OPEN']);
/** A closed order the venue should still list, as long as the window reaches back to it. */
const HELD_CLOSED = 'CLOSED';

/** When a fill happened, as well as the journal knows. */
export const fillTime = (f: { venueAt: number | null }, fallback: number): number => f.venueAt ?? fallback;

/** An empty client id is no client id (venues write "" for orders placed elsewhere). */
const orderId = (o: { clientId: string | null; venueOrderId: string | null }): string =>
  o.clientId ? `c:${o.clientId}` : `v:${o.venueOrderId}`;

export function compare(venue: VenueStory, journal: JournalStory, window: CompareWindow): Comparison {
  const journalFills = new Map(journal.fills.map((f) => [f.fillId, f]));
  const venueFills = new Set(venue.fills.map((f) => f.fillId));
  const busted = new Set(venue.busts.map((b) => b.bustedFillId));

  const newFills = venue.fills
    .filter((f) => !journalFills.has(f.fillId))
    .sort((a, b) => fillTime(a, window.now) - fillTime(b, window.now));
  const newBusts = venue.busts.filter((b) => {
    const held = journalFills.get(b.bustedFillId);
    return held !== undefined && !held.busted;
  });
  const reversed = journal.fills.filter((f) => {
    if (f.busted || venueFills.has(f.fillId) || busted.has(f.fillId) || f.seq > window.askedAtSeq) return false;
    const at = f.venueAt;
    // A fill without a venue time cannot be placed in the window: it is never called reversed.
    return at !== null && at >= window.start && window.now - at >= SETTLE_MS;
  });

  const restored = journal.fills.filter((f) => f.busted && venueFills.has(f.fillId) && !busted.has(f.fillId) && (f.bustSeq ?? f.seq) <= window.askedAtSeq);

  // The venue's lists by order; the open list is the later word where both have an order.
  const venueOrders = new Map<string, VenueOrder>();
  for (const o of venue.orders) venueOrders.set(orderId(o), o);
  const rowsById = new Map<string, OrderRow>();
  for (const row of journal.orders) {
    if (row.clientId !== null) rowsById.set(`c:${row.clientId}`, row);
    if (row.venueOrderId !== null) rowsById.set(`v:${row.venueOrderId}`, row);
  }
  const rowOf = (o: VenueOrder): OrderRow | undefined =>
    (o.clientId ? rowsById.get(`c:${o.clientId}`) : undefined) ?? rowsById.get(`v:${o.venueOrderId}`);

  const orderUpdates: VenueOrder[] = [];
  const ambiguous: Comparison['ambiguous'] = [];
  const reopened: Comparison['reopened'] = [];
  const cancelled: Comparison['cancelled'] = [];
  const listed = new Set<OrderRow>();
  for (const order of venueOrders.values()) {
    const row = rowOf(order);
    if (row) listed.add(row);
    if (row && row.lastSeq > window.askedAtSeq) continue;
    if (row?.cancelState === 'unresolved' && order.status === 'CLOSED' && order.cancelReason === 'USER_CANCELED') cancelled.push({ row, order });
    if (row && row.state === order.status && row.remainingSize !== null && new Decimal(row.remainingSize).eq(order.remainingSize)) continue;
    if (row?.state === 'unresolved') ambiguous.push({ row, order });
    if (row?.state === 'CLOSED' && LIVE.has(order.status)) reopened.push({ row, order });
    // The venue's story of an order we closed ourselves stays ours until it says otherwise.
    if (row?.state === 'CLOSED' && order.status === 'CLOSED') continue;
    orderUpdates.push(order);
  }
  const held = (row: OrderRow) => HELD_LIVE.has(row.state) || (row.state === HELD_CLOSED && row.lastSeq >= window.startSeq);
  const missing = journal.orders.filter(
    (row) => row.origin === 'own' && held(row) && !listed.has(row) && row.lastSeq <= window.askedAtSeq && !journal.vanishedOrders.has(row.clientId as string),
  );
  return { newFills, newBusts, orderUpdates, reversed, restored, missing, ambiguous, cancelled, reopened };
}

/** Venue position vs the journal's sum of fills, per market. */
export function positionDrift(venue: VenuePosition[], journal: PositionRow[]): { market: string; venue: string; journal: string }[] {
  const markets = new Set([...venue.map((p) => p.market), ...journal.map((p) => p.market)]);
  const drift: { market: string; venue: string; journal: string }[] = [];
  for (const market of markets) {
    const v = venue.find((p) => p.market === market && p.status === 'OPEN')?.size ?? '0';
    const j = journal.find((p) => p.market === market)?.size ?? '0';
    if (!new Decimal(v).eq(j)) drift.push({ market, venue: v, journal: j });
  }
  return drift;
}

export function finding(kind: Finding['kind'], at: number, fields: Partial<Finding> & Pick<Finding, 'summary'>): Finding {
  return { kind, market: null, clientIds: [], at, detectedAt: at, evidence: [], detail: {}, ...fields };
}
