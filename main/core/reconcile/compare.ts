/**
 * The pure half of reconciliation: the venue's answers against the journal's projections, as
 * findings. It never invents a fill or an order; what the venue no longer has is named.
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
  positions: PositionRow[];
  /** Fills already known to be reversed, so they are named once. */
  reversedFills: ReadonlySet<string>;
  vanishedOrders: ReadonlySet<string>;
}

export interface Comparison {
  reversed: FillRow[];
  discovered: VenueFill[];
  /** Orders the venue lists nowhere; each still needs a targeted look-up before it is called vanished. */
  missing: OrderRow[];
  ambiguous: { row: OrderRow; order: VenueOrder }[];
  /** Orders the journal saw closed that the venue lists as live again (a rollback restored them). */
  reopened: { row: OrderRow; order: VenueOrder }[];
}

/** Fills younger than this may simply not have reached the venue's history yet; a fill of an earlier session is old. */
export const SETTLE_MS = 10_000;
const LIVE = new Set(['NEW', 'UNTRIGGERED', 'OPEN']);
/** States in which the venue accepted (or may have accepted) the order. */
const VENUE_KNEW = new Set(['acked', 'NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED']);

export function compare(venue: VenueStory, journal: JournalStory, now: number, fillTimes: ReadonlyMap<string, number>): Comparison {
  const venueFills = new Set(venue.fills.map((f) => f.fillId));
  const busted = new Set(venue.busts.map((b) => b.bustedFillId));
  const journalFills = new Set(journal.fills.map((f) => f.fillId));
  const reversed = journal.fills.filter(
    (f) => !f.busted && !journal.reversedFills.has(f.fillId) && !venueFills.has(f.fillId) && !busted.has(f.fillId) && now - (fillTimes.get(f.fillId) ?? Number.NEGATIVE_INFINITY) >= SETTLE_MS,
  );
  const discovered = venue.fills.filter((f) => !journalFills.has(f.fillId));

  const venueOrders = new Map(venue.orders.filter((o) => o.clientId).map((o) => [o.clientId!, o]));
  const missing = journal.orders.filter((row) => VENUE_KNEW.has(row.state) && !venueOrders.has(row.clientId) && !journal.vanishedOrders.has(row.clientId));
  const ambiguous = journal.orders
    .filter((row) => row.state === 'unresolved' && venueOrders.has(row.clientId))
    .map((row) => ({ row, order: venueOrders.get(row.clientId)! }));
  const reopened = journal.orders
    .filter((row) => row.state === 'CLOSED' && LIVE.has(venueOrders.get(row.clientId)?.status ?? ''))
    .map((row) => ({ row, order: venueOrders.get(row.clientId)! }));
  return { reversed, discovered, missing, ambiguous, reopened };
}

/** Venue position vs the journal's sum of fills, per market, after the corrections above. */
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
