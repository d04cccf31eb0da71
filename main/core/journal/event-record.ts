/**
 * Turning a caller's event into a chain record (checked, canonical, hashed) and a stored row
 * back into a JournalEvent.
 */
import { EVENT_KINDS, type EventKind, type JournalEvent } from '../../../shared/domain';
import type Database from 'better-sqlite3';
import { canonicalForm } from './canonical-json';
import { BEFORE_ACCOUNTS } from './migrations/0005-accounts';
import { CHAIN_VERSION, chainHash, type ChainRecord, type ChainVersion } from './chain';
import { JournalInputError } from './errors';
import { KINDS_KEYED_BY_CLIENT_ID, isProjectedKind, payloadSchemas, type NewEvent } from './payloads';
import type { ProjectedEvent } from './projections';

export interface PreparedEvent {
  record: ChainRecord;
  prevHash: string;
  hash: string;
  /** The payload as the returned event holds it: the caller's value, its objects in key order (see canonicalForm). */
  payload: unknown;
  /** Set for order-related kinds: the checked payload the projector reads. */
  projected: ProjectedEvent | null;
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);

/**
 * No lone UTF-16 surrogate: SQLite would store a replacement character instead, breaking the
 * hash. String.prototype.isWellFormed (ES2024, in every Node this runs on) says so without a
 * regular expression; the TypeScript lib here stops at ES2022.
 */
const wellFormed = (value: string): boolean => (value as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Field names are only put together for the error: these run several times on every append. */
function optionalText(value: unknown, kind: string, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new JournalInputError(`${kind}: ${field} must be a string or null`);
  if (!wellFormed(value)) throw new JournalInputError(`${kind}: ${field} holds a lone UTF-16 surrogate, which cannot be stored verbatim`);
  return value;
}

function optionalTime(value: unknown, kind: string | null, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value)) throw new JournalInputError(`${kind === null ? '' : `${kind}: `}${field} must be whole milliseconds`);
  return value as number;
}

/** Checks `input` and builds the record that will follow `prevHash` as `seq`. Throws JournalInputError. */
export function prepareEvent(input: NewEvent, seq: number, at: number, prevHash: string): PreparedEvent {
  const kind = input.kind as EventKind;
  if (!KNOWN_KINDS.has(kind)) throw new JournalInputError(`unknown event kind ${JSON.stringify(input.kind)}`);
  const venue = optionalText(input.venue, kind, 'venue');
  if (!venue) throw new JournalInputError(`${kind}: venue must be named`);
  const account = optionalText(input.account, kind, 'account');
  if (!account) throw new JournalInputError(`${kind}: account must be named`);
  const market = optionalText(input.market, kind, 'market');
  const clientId = optionalText(input.clientId, kind, 'clientId');
  const venueOrderId = optionalText(input.venueOrderId, kind, 'venueOrderId');
  let payload: { text: string; value: unknown };
  try {
    payload = canonicalForm(input.payload);
  } catch (err) {
    throw new JournalInputError(`${kind}: payload ${(err as Error).message}`);
  }
  const record: ChainRecord = {
    seq, at: optionalTime(at, null, 'the clock') as number, venueAt: optionalTime(input.venueAt, kind, 'venueAt'), account, venue,
    kind, market, clientId, venueOrderId, payload: payload.text, raw: optionalText(input.raw, kind, 'raw'), version: CHAIN_VERSION,
  };
  const projected = isProjectedKind(kind) ? checkProjectedEvent(record, input.payload) : null;
  return { record, prevHash, hash: chainHash(prevHash, record), payload: payload.value, projected };
}

function checkProjectedEvent(record: ChainRecord, payload: unknown): ProjectedEvent {
  const kind = record.kind as keyof typeof payloadSchemas;
  const parsed = payloadSchemas[kind].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JournalInputError(`${kind}: payload.${issue.path.join('.')}: ${issue.message}`);
  }
  if (KINDS_KEYED_BY_CLIENT_ID.has(kind) && record.clientId === null) {
    throw new JournalInputError(`${kind}: clientId must name the order`);
  }
  if (kind === 'VENUE_ORDER_UPDATE' && record.clientId === null && record.venueOrderId === null) {
    throw new JournalInputError('VENUE_ORDER_UPDATE: a client id or a venue order id must name the order');
  }
  if (kind === 'ORDER_INTENT') {
    const intent = parsed.data as { clientId: string; market: string };
    if (record.clientId !== intent.clientId || record.market !== intent.market) {
      throw new JournalInputError('ORDER_INTENT: clientId and market must be the same in the header and the payload');
    }
  }
  if (kind === 'FILL' && record.market === null) throw new JournalInputError('FILL: market must be named');
  return {
    seq: record.seq,
    at: record.at,
    account: record.account,
    venue: record.venue,
    kind,
    market: record.market,
    clientId: record.clientId,
    venueOrderId: record.venueOrderId,
    payload: parsed.data,
  } as ProjectedEvent;
}

/** Column list in the order the chain and the row mapping expect. */
export const EVENT_COLUMNS =
  'seq, at, venue_at, venue, kind, market, client_id, venue_order_id, payload, raw, prev_hash, hash, account, chain_version';

export type EventRow = [
  seq: number, at: number, venueAt: number | null, venue: string, kind: string, market: string | null,
  clientId: string | null, venueOrderId: string | null, payload: string, raw: string | null, prevHash: string, hash: string,
  account: string, version: number,
];

/**
 * The columns to read from `db`: a file from before accounts (opened for review, never migrated)
 * reads as the migration names it, so one row shape serves every version.
 */
export function eventColumnsOf(db: Database.Database): string {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('events') as string[];
  if (columns.includes('account')) return EVENT_COLUMNS;
  return EVENT_COLUMNS.replace('account, chain_version', `'${BEFORE_ACCOUNTS}' AS account, 1 AS chain_version`);
}

/** The stored row as the chain hashes it. */
export function rowToRecord(row: EventRow): ChainRecord {
  return {
    seq: row[0], at: row[1], venueAt: row[2], venue: row[3], kind: row[4], market: row[5], clientId: row[6],
    venueOrderId: row[7], payload: row[8], raw: row[9], account: row[12], version: row[13] as ChainVersion,
  };
}

export function rowToEvent(row: EventRow): JournalEvent {
  return {
    seq: row[0], at: row[1], venueAt: row[2], account: row[12], venue: row[3], kind: row[4] as EventKind, market: row[5],
    clientId: row[6], venueOrderId: row[7], payload: JSON.parse(row[8]), raw: row[9], prevHash: row[10], hash: row[11],
    chainVersion: row[13],
  };
}

/**
 * The event as stored. Its payload is the caller's value as canonical JSON read it (objects out of
 * key order copied), not read back from the text: parsing every payload back cost the batched
 * append a few per cent of its rate, and the text is made from exactly this value.
 */
export function preparedToEvent(p: PreparedEvent): JournalEvent {
  const r = p.record;
  return {
    seq: r.seq, at: r.at, venueAt: r.venueAt, account: r.account, venue: r.venue, kind: r.kind as EventKind, market: r.market,
    clientId: r.clientId, venueOrderId: r.venueOrderId, payload: p.payload,
    raw: r.raw, prevHash: p.prevHash, hash: p.hash, chainVersion: r.version,
  };
}
