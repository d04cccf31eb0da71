/**
 * Reading events back: paged, filtered queries that each walk one index in chain order, so a
 * page costs about the same on a journal of a thousand events or a million. The filters by kind,
 * account, market and client id walk the indexes of event_keys (migration 7), which the writer
 * fills in batches: the few events written since it last caught up (search_indexed) are read
 * directly, after (or, newest first, before) those the keys pick.
 *
 * Text search matches a case-insensitive (ASCII) substring of the payload, the raw message or
 * either order id, with % and _ taken literally: the LIKE below decides. For 3 characters or
 * more, the trigram index (migration 6) first narrows the events to those holding every
 * three-character run of the text, in chain order, so a rare id is found without reading the
 * rest; the few events written since the index last caught up (search_indexed) are read
 * directly. Shorter text, or a file opened for review from before the index, reads events
 * until the page is full (about 0.3 s per million events read).
 */
import type Database from 'better-sqlite3';
import { EVENT_KINDS, type EventKind, type JournalEvent } from '../../../shared/domain';
import { EVENT_COLUMNS, eventColumnsOf, rowToEvent, type EventRow } from './event-record';
import { JournalInputError } from './errors';
import { BEFORE_ACCOUNTS } from './migrations/0005-accounts';
import { FIRST_BLOCK_SINCE, firstSeqOfBlock } from './time-marks';
import type { Anchor } from './writer-seat';

export interface JournalQuery {
  kind?: EventKind | readonly EventKind[];
  /** One trading account's records only. */
  account?: string;
  market?: string;
  clientId?: string;
  /** Local wall time, ms: only events at or after it. */
  since?: number;
  afterSeq?: number;
  beforeSeq?: number;
  /** Case-insensitive text to find in the payload, the raw message or the order ids. */
  search?: string;
  /** Page size, 1–1000; 100 when absent. */
  limit?: number;
  /** Chain order (asc, the default) or newest first. */
  order?: 'asc' | 'desc';
}

export interface JournalPage {
  events: JournalEvent[];
  /** True when more events match beyond this page; continue from the last seq shown. */
  more: boolean;
}

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
const KNOWN_KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Trigrams are whole characters (code points); the index cannot narrow anything shorter. */
const INDEXED_SEARCH = 3;

/**
 * An FTS5 query asking for every trigram of `text`: a superset of the events holding it (the
 * index folds case as LIKE does for ASCII, and beyond), which LIKE then checks one by one.
 * Null when the text is too short for the index.
 */
export function trigramQuery(text: string): string | null {
  const chars = [...text];
  if (chars.length < INDEXED_SEARCH) return null;
  const trigrams = new Set<string>();
  for (let i = 0; i + INDEXED_SEARCH <= chars.length; i++) trigrams.add(chars.slice(i, i + INDEXED_SEARCH).join(''));
  return [...trigrams].map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

function wholeNumber(value: number | undefined, field: string): number | undefined {
  if (value !== undefined && !Number.isSafeInteger(value)) throw new JournalInputError(`${field} must be a whole number`);
  return value;
}

/**
 * Where a page's events come from: `events` alone (its own rows in seq order; in a file from
 * before migration 7 also its own indexes), `keys` (the filter keys of migration 7 pick the
 * events) or `text` (the trigram index of migration 6 picks them).
 */
export type QuerySource = 'events' | 'keys' | 'text';

/** The events columns, each named with its table (the keys share some names). */
const qualified = (columns: string): string =>
  columns.split(', ').map((c) => (/^[a-z_]+$/.test(c) ? `events.${c}` : c)).join(', ');

/** `firstSeqSince`: where a `since` filter can start (see time-marks.ts); 1 when there is none. */
export function buildQuery(
  q: JournalQuery, firstSeqSince = 1, columns = EVENT_COLUMNS, via: QuerySource = 'events',
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const search = q.search !== undefined && q.search !== '' ? q.search : null;
  const trigrams = search !== null && via === 'text' ? trigramQuery(search) : null;
  if (via === 'text' && trigrams === null) throw new RangeError('a text search of fewer than three characters cannot use the text index');
  // Events come in seq order from whichever table picks them, and seq bounds are handed to it.
  const seq = via === 'text' ? 'events_text.rowid' : via === 'keys' ? 'event_keys.seq' : 'events.seq';
  const key = via === 'keys' ? 'event_keys' : 'events';
  if (trigrams !== null) {
    where.push('events_text MATCH ?');
    params.push(trigrams);
  }
  const kinds = q.kind === undefined ? [] : typeof q.kind === 'string' ? [q.kind] : [...q.kind];
  for (const kind of kinds) if (!KNOWN_KINDS.has(kind)) throw new JournalInputError(`unknown event kind ${JSON.stringify(kind)}`);
  if (kinds.length > 0) {
    where.push(`${key}.kind IN (${kinds.map(() => '?').join(', ')})`);
    params.push(...kinds);
  }
  if (q.account !== undefined) {
    where.push(`${key}.account = ?`);
    params.push(q.account);
  }
  if (q.market !== undefined) {
    where.push(`${key}.market = ?`);
    params.push(q.market);
  }
  if (q.clientId !== undefined) {
    where.push(`${key}.client_id = ?`);
    params.push(q.clientId);
  }
  if (wholeNumber(q.since, 'since') !== undefined) {
    where.push('events.at >= ?', `${seq} >= ?`);
    params.push(q.since, firstSeqSince);
  }
  if (wholeNumber(q.afterSeq, 'afterSeq') !== undefined) {
    where.push(`${seq} > ?`);
    params.push(q.afterSeq);
  }
  if (wholeNumber(q.beforeSeq, 'beforeSeq') !== undefined) {
    where.push(`${seq} < ?`);
    params.push(q.beforeSeq);
  }
  if (search !== null) {
    const pattern = likePattern(search);
    where.push(
      `(events.payload LIKE ? ESCAPE '\\' OR events.raw LIKE ? ESCAPE '\\' OR events.client_id LIKE ? ESCAPE '\\' OR events.venue_order_id LIKE ? ESCAPE '\\')`,
    );
    params.push(pattern, pattern, pattern, pattern);
  }
  const limit = q.limit ?? DEFAULT_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new JournalInputError(`limit must be a whole number from 1 to ${MAX_PAGE}`);
  }
  const order = q.order === 'desc' ? 'DESC' : 'ASC';
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  // One extra row tells whether another page exists.
  params.push(limit + 1);
  // CROSS JOIN keeps the picking index as the outer loop: it yields seqs in order, so the LIMIT stops it early.
  const from =
    via === 'text' ? 'events_text CROSS JOIN events ON events.seq = events_text.rowid'
      : via === 'keys' ? 'event_keys CROSS JOIN events ON events.seq = event_keys.seq'
        : 'events';
  return { sql: `SELECT ${qualified(columns)} FROM ${from} ${filter} ORDER BY ${seq} ${order} LIMIT ?`, params };
}

/** Read access to one connection's events, with statements prepared once. */
export class EventReader {
  private readonly cache = new Map<string, Database.Statement>();
  private columns: string | null = null;
  /** Which of the deferred indexes' tables the file has (a file opened for review may predate them). */
  private tables: Set<string> | null = null;

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  query(q: JournalQuery): JournalPage {
    const start = q.since === undefined ? 1 : firstSeqOfBlock(this.statement(FIRST_BLOCK_SINCE).pluck().get(q.since) as number);
    // Read on first use: a damaged file must fail here, where its reader reports it, not when opened.
    this.columns ??= eventColumnsOf(this.db);
    if (this.columns !== EVENT_COLUMNS && q.account !== undefined) {
      // A file from before accounts: every record is BEFORE_ACCOUNTS's, none is another account's.
      if (q.account !== BEFORE_ACCOUNTS) return { events: [], more: false };
      q = { ...q, account: undefined };
    }
    const via = this.sourceFor(q);
    if (via === 'events') return this.page(buildQuery(q, start, this.columns));
    // Through the index up to where it has caught up, directly after that: in the page's order.
    const through = this.statement('SELECT seq FROM search_indexed').pluck().get() as number;
    const fromIndex = { ...q, beforeSeq: q.beforeSeq === undefined ? through + 1 : Math.min(q.beforeSeq, through + 1) };
    const direct = { ...q, afterSeq: q.afterSeq === undefined ? through : Math.max(q.afterSeq, through) };
    const [first, second] =
      q.order === 'desc'
        ? [buildQuery(direct, start, this.columns), buildQuery(fromIndex, start, this.columns, via)]
        : [buildQuery(fromIndex, start, this.columns, via), buildQuery(direct, start, this.columns)];
    const page = this.page(first);
    if (page.more) return page;
    const rest = this.page(second);
    const limit = (first.params[first.params.length - 1] as number) - 1;
    const events = [...page.events, ...rest.events];
    return { events: events.slice(0, limit), more: events.length > limit || rest.more };
  }

  /** The text index for a search it can narrow, else the filter keys for a filter they hold, else the events alone. */
  private sourceFor(q: JournalQuery): QuerySource {
    const tables = (this.tables ??= new Set(this.statement("SELECT name FROM sqlite_master WHERE name IN ('search_indexed', 'event_keys')").pluck().all() as string[]));
    if (tables.has('search_indexed') && q.search !== undefined && trigramQuery(q.search) !== null) return 'text';
    const filtered = q.kind !== undefined || q.account !== undefined || q.market !== undefined || q.clientId !== undefined;
    return filtered && tables.has('event_keys') ? 'keys' : 'events';
  }

  private page({ sql, params }: { sql: string; params: unknown[] }): JournalPage {
    const rows = this.statement(sql).raw().all(...params) as EventRow[];
    const limit = (params[params.length - 1] as number) - 1;
    return { events: rows.slice(0, limit).map(rowToEvent), more: rows.length > limit };
  }

  count(): number {
    return this.statement('SELECT count(*) FROM events').pluck().get() as number;
  }

  /** The last stored record, or null for an empty journal. */
  last(): Anchor | null {
    return (this.statement('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as Anchor | undefined) ?? null;
  }

  hashAt(seq: number): string | undefined {
    return this.statement('SELECT hash FROM events WHERE seq = ?').pluck().get(seq) as string | undefined;
  }
}
