/**
 * `journal verify`'s second half: the projections (orders, fills, positions) recomputed from the
 * records alone — every projected record replayed through the same Projector into a fresh
 * in-memory schema — and compared row by row with the tables the file holds, and the filter keys
 * compared with the records they copy. The exports read those tables, so a row that differs is
 * named (table, key, field, both values).
 */
import Database from 'better-sqlite3';
import type { EventKind, JournalEvent } from '../../../shared/domain';
import { plainReason } from './errors';
import { migrate, SCHEMA_VERSION, schemaVersion } from './migrations/registry';
import { isProjectedKind, payloadSchemas } from './payloads';
import { Projector, readFills, readOrders, readPositions, type ProjectedEvent } from './projections';

export interface ProjectionDifference {
  table: 'orders' | 'fills' | 'positions' | 'event_keys';
  key: string;
  /** The differing column; null when the row exists on one side only. */
  field: string | null;
  /** As the file's table holds it (undefined: no such row). */
  stored: unknown;
  /** As the records give it (undefined: no such row). */
  recomputed: unknown;
}

export interface ProjectionCheck {
  /** False when the file is of a schema this version does not recompute, or its records cannot all be read. */
  checked: boolean;
  reason: string | null;
  rows: { orders: number; fills: number; positions: number };
  differences: ProjectionDifference[];
}

interface Row {
  seq: number;
  at: number;
  account: string;
  venue: string;
  kind: EventKind;
  market: string | null;
  client_id: string | null;
  venue_order_id: string | null;
  payload: string;
}

function tables(db: Database.Database): Record<'orders' | 'fills' | 'positions', Map<string, Record<string, unknown>>> {
  const keyed = <T extends object>(rows: T[], key: (r: T) => string) => new Map(rows.map((r) => [key(r), r as Record<string, unknown>]));
  return {
    orders: keyed(readOrders(db), (r) => `${r.account} ${r.orderKey}`),
    fills: keyed(readFills(db), (r) => `${r.account} ${r.venue} ${r.fillId}`),
    positions: keyed(readPositions(db), (r) => `${r.account} ${r.venue} ${r.market}`),
  };
}

/** A record as the projector needs it (payload parsed). */
export type ProjectableRecord = Pick<JournalEvent, 'seq' | 'at' | 'account' | 'venue' | 'kind' | 'market' | 'clientId' | 'venueOrderId' | 'payload'>;

/**
 * A fresh in-memory schema holding the projections of `records` (in seq order), through the same
 * Projector the journal runs; records of other kinds are skipped. The caller closes it.
 */
export function projectRecords(records: Iterable<ProjectableRecord>, unprojectable: (seq: number, reason: string) => void = () => {}): Database.Database {
  const memory = new Database(':memory:');
  migrate(memory);
  const projector = new Projector(memory);
  memory.transaction(() => {
    for (const r of records) {
      if (!isProjectedKind(r.kind)) continue;
      const parsed = payloadSchemas[r.kind as keyof typeof payloadSchemas].safeParse(r.payload);
      if (!parsed.success) {
        unprojectable(r.seq, parsed.error.issues[0]?.message ?? 'malformed');
        continue;
      }
      projector.apply({ ...r, payload: parsed.data } as ProjectedEvent);
    }
  })();
  return memory;
}

/** Replays every projected record of `file` into a fresh schema in memory. */
function recompute(file: Database.Database, problems: ProjectionDifference[]): Database.Database {
  const kinds = Object.keys(payloadSchemas).filter((k) => isProjectedKind(k as EventKind));
  const rows = file
    .prepare(`SELECT seq, at, account, venue, kind, market, client_id, venue_order_id, payload FROM events WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY seq`)
    .iterate(...kinds) as IterableIterator<Row>;
  function* records(): Generator<ProjectableRecord> {
    for (const r of rows) {
      yield { seq: r.seq, at: r.at, account: r.account, venue: r.venue, kind: r.kind, market: r.market, clientId: r.client_id, venueOrderId: r.venue_order_id, payload: JSON.parse(r.payload) };
    }
  }
  return projectRecords(records(), (seq, reason) => problems.push({ table: 'orders', key: `seq ${seq}`, field: 'payload', stored: 'a projected record', recomputed: `cannot be projected: ${reason}` }));
}

const KEY_COLUMNS = ['kind', 'account', 'market', 'client_id', 'venue_order_id'] as const;

/**
 * The filter keys (migration 7) against the records they copy, up to where they have caught up:
 * a key changed, missing or invented would hide a record from a filtered page, or show one.
 */
function keyDifferences(file: Database.Database): ProjectionDifference[] {
  const differs = KEY_COLUMNS.map((c) => `k.${c} IS NOT e.${c}`).join(' OR ');
  const pairs = `SELECT e.seq AS seq, k.seq AS keyed, ${KEY_COLUMNS.map((c) => `e.${c} AS e_${c}, k.${c} AS k_${c}`).join(', ')}
    FROM events e LEFT JOIN event_keys k ON k.seq = e.seq WHERE e.seq <= (SELECT seq FROM search_indexed) AND (k.seq IS NULL OR ${differs})`;
  const invented = `SELECT k.seq FROM event_keys k WHERE k.seq > (SELECT seq FROM search_indexed) OR NOT EXISTS (SELECT 1 FROM events e WHERE e.seq = k.seq)`;
  const differences: ProjectionDifference[] = [];
  for (const row of file.prepare(pairs).iterate() as IterableIterator<Record<string, unknown>>) {
    const key = `seq ${row.seq}`;
    if (row.keyed === null) {
      differences.push({ table: 'event_keys', key, field: null, stored: undefined, recomputed: { kind: row.e_kind } });
      continue;
    }
    for (const c of KEY_COLUMNS) {
      if (row[`k_${c}`] !== row[`e_${c}`]) differences.push({ table: 'event_keys', key, field: c, stored: row[`k_${c}`], recomputed: row[`e_${c}`] });
    }
  }
  for (const seq of file.prepare(invented).pluck().iterate() as IterableIterator<number>) {
    differences.push({ table: 'event_keys', key: `seq ${seq}`, field: null, stored: { seq }, recomputed: undefined });
  }
  return differences;
}

/** Recomputes the projections of the journal file at `path` (opened read-only) and compares. */
export function verifyProjections(path: string): ProjectionCheck {
  const file = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const version = schemaVersion(file);
    if (version !== SCHEMA_VERSION) {
      return { checked: false, reason: `the file is at schema version ${version}; projections are recomputed for version ${SCHEMA_VERSION} (open it with Blackbox once to migrate)`, rows: { orders: 0, fills: 0, positions: 0 }, differences: [] };
    }
    const differences: ProjectionDifference[] = [];
    let memory: Database.Database | undefined;
    let keyed: ProjectionDifference[];
    try {
      memory = recompute(file, differences);
      keyed = keyDifferences(file);
    } catch (err) {
      memory?.close();
      // A damaged file: the chain's walk names where; the projections cannot be recomputed past it.
      return { checked: false, reason: `the records cannot all be read: ${plainReason(err)}`, rows: { orders: 0, fills: 0, positions: 0 }, differences: [] };
    }
    try {
      const stored = tables(file);
      const recomputed = tables(memory);
      for (const table of ['orders', 'fills', 'positions'] as const) {
        const keys = new Set([...stored[table].keys(), ...recomputed[table].keys()]);
        for (const key of keys) {
          const a = stored[table].get(key);
          const b = recomputed[table].get(key);
          if (!a || !b) {
            differences.push({ table, key, field: null, stored: a, recomputed: b });
            continue;
          }
          for (const field of Object.keys(b)) if (a[field] !== b[field]) differences.push({ table, key, field, stored: a[field], recomputed: b[field] });
        }
      }
      differences.push(...keyed);
      return { checked: true, reason: null, rows: { orders: stored.orders.size, fills: stored.fills.size, positions: stored.positions.size }, differences };
    } finally {
      memory.close();
    }
  } finally {
    file.close();
  }
}

/** One difference in words: "orders row sim:local:a c-1: state is FILLED in the file, the records give OPEN". */
export function describeDifference(d: ProjectionDifference): string {
  const show = (v: unknown) => (v === undefined ? 'no row' : JSON.stringify(v));
  if (d.field === null) return `${d.table} row ${d.key}: ${d.stored === undefined ? 'missing from the file, though the records give it' : 'in the file, though no record gives it'}`;
  return `${d.table} row ${d.key}: ${d.field} is ${show(d.stored)} in the file, the records give ${show(d.recomputed)}`;
}
