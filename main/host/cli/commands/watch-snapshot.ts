/**
 * One look at a watched account: status, equity and balances, positions, open orders, the orders
 * closed in the last 24 h with their reasons, and the fills and funding of the last 24 h, each
 * read once and recorded — the answers as the journal's evidence, what could not be read as
 * venue errors — and summarised for `blackbox watch --once`.
 */
import type { QueryResult, VenueAdapter, VenueEvent, VenueOrder } from '../../../core/venues/port';
import type { Watched } from './watch-venues';

export interface Snapshot {
  venue: string;
  at: string;
  status: unknown;
  marketStatuses?: unknown;
  account: unknown;
  balances: unknown;
  positions: unknown;
  openOrders: unknown;
  /** Orders that ended in the last 24 h, each with the venue's reason (null: filled or no reason given). */
  closedOrders: unknown;
  recentFills: unknown;
  recentFunding: unknown;
  /** Not readable by design here (no credentials, or the venue has no such thing). */
  unavailable: Record<string, string>;
  /** Asked for and not answered: the venue's error or our transport's. */
  errors: Record<string, string>;
}

type Body = Record<string, unknown> & { kind: VenueEvent['kind'] };

/** How far back the snapshot reads closed orders, fills and funding. */
export const RECENT_FILLS_MS = 24 * 60 * 60_000;

const NOT_OFFERED = 'this adapter does not read it';

export async function takeSnapshot(watched: Watched, now: () => number, record: (event: VenueEvent) => void): Promise<Snapshot> {
  const { adapter, unavailable } = watched;
  const errors: Record<string, string> = {};
  const read = async <T>(what: string, query: () => Promise<QueryResult<T>>, events: (value: T) => Body[]): Promise<T | null> => {
    if (unavailable[what]) return null;
    const result = await query();
    const at = now();
    if (!result.ok) {
      errors[what] = result.error.message;
      if (result.error.kind !== 'malformed') record({ kind: 'venue_error', source: 'rest', reason: result.error.message, raw: result.error.raw, at, venueAt: null });
      return null;
    }
    for (const body of events(result.value)) record({ ...body, at, venueAt: null, raw: result.raw.join('\n'), via: 'rest' } as VenueEvent);
    return result.value;
  };
  const optional = <T>(what: string, query: (() => Promise<QueryResult<T>>) | undefined, events: (value: T) => Body[]): Promise<T | null> => {
    if (query) return read(what, query, events);
    unavailable[what] ??= NOT_OFFERED;
    return Promise.resolve(null);
  };
  const since = now() - RECENT_FILLS_MS;
  const statuses = marketStatusesOf(adapter);
  const closed = (list: VenueOrder[]) => list.filter((o) => o.status === 'CLOSED');
  const [status, marketStatuses, account, balances, positions, openOrders, history, recentFills, recentFunding] = await Promise.all([
    read('status', () => adapter.systemState(), (status) => [{ kind: 'status', status }]),
    statuses ? read('marketStatuses', statuses, () => []) : Promise.resolve(undefined),
    read('account', () => adapter.account(), (account) => [{ kind: 'account', account }]),
    optional('balances', adapter.balances && (() => adapter.balances!()), () => []),
    read('positions', () => adapter.positions(), (list) => list.map((position) => ({ kind: 'position', position }))),
    read('openOrders', () => adapter.openOrders(), (list) => list.map((order) => ({ kind: 'order', order }))),
    read('closedOrders', () => adapter.ordersHistory({ since }), (list) => closed(list).map((order) => ({ kind: 'order', order }))),
    read('recentFills', () => adapter.fills({ since }), (list) => list.map((fill) => ({ kind: 'fill', fill }))),
    optional('recentFunding', adapter.funding && (() => adapter.funding!({ since })), (list) => list.map((funding) => ({ kind: 'funding', funding }))),
  ]);
  return {
    venue: adapter.venue,
    at: new Date(now()).toISOString(),
    status,
    ...(marketStatuses !== undefined ? { marketStatuses } : {}),
    account,
    balances,
    positions,
    openOrders,
    closedOrders: history === null ? null : closed(history),
    recentFills,
    recentFunding,
    unavailable,
    errors,
  };
}

/** dYdX has a status per market; the snapshot shows them beside the folded mode. */
function marketStatusesOf(adapter: VenueAdapter): (() => Promise<QueryResult<unknown>>) | null {
  const withStatuses = adapter as VenueAdapter & { marketStatuses?: () => Promise<QueryResult<unknown>> };
  return withStatuses.marketStatuses ? () => withStatuses.marketStatuses!() : null;
}

export function describeSnapshot(s: Snapshot): string {
  const count = (value: unknown) => (Array.isArray(value) ? String(value.length) : 'not read');
  const lines = [
    `${s.venue} at ${s.at}`,
    `  status:        ${s.status === null ? 'not read' : String(s.status)}`,
    `  balances:      ${Array.isArray(s.balances) ? (s.balances as Array<{ asset: string; size: string }>).map((b) => `${b.size} ${b.asset}`).join(', ') || 'none' : 'not read'}`,
    `  positions:     ${count(s.positions)}`,
    `  open orders:   ${count(s.openOrders)}`,
    `  closed (24h):  ${count(s.closedOrders)}`,
  ];
  if (Array.isArray(s.closedOrders)) {
    for (const o of s.closedOrders as VenueOrder[]) lines.push(`    ${o.market} ${o.side} ${o.size} ${o.venueOrderId}: ${o.cancelReason ?? 'filled'}`);
  }
  lines.push(`  fills (24h):   ${count(s.recentFills)}`, `  funding (24h): ${count(s.recentFunding)}`);
  for (const [what, why] of Object.entries(s.unavailable)) lines.push(`  unavailable ${what}: ${why}`);
  for (const [what, why] of Object.entries(s.errors)) lines.push(`  ERROR ${what}: ${why}`);
  return lines.join('\n');
}
