/**
 * Opening a journal file, as the writer or for reading only. Nothing here throws for a problem
 * with the file itself: each outcome carries a health state and a plain message, and whatever
 * connection could be made is kept so that what can be read stays readable.
 *
 * The writer checks the file through a read-only connection before opening it for writing, so
 * a damaged or newer file is never checkpointed, migrated or otherwise touched.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { JournalState } from '../../../shared/snapshot';
import { JournalSchemaTooNewError, isCorruption, plainReason, sqliteCode } from './errors';
import { checkFile, type FileProblem } from './file-check';
import { migrate } from './migrations/registry';
import { openReadConnection, type ReadConnection } from './read-connection';
import { WriterSeat, anchorPath, readAnchor, type AnchorReading } from './writer-seat';

export interface JournalHealth {
  state: JournalState;
  message: string;
}

export interface OpenedFile {
  /** Null only when no connection at all could be made. */
  db: Database.Database | null;
  /** Where verify opens its own read-only connection (a private copy on read-only media). */
  readPath: string;
  /** Closes the connection (and removes a private copy). */
  dispose: () => void;
  /** Present only when this process may write. */
  seat: WriterSeat | null;
  health: JournalHealth;
  /** Said at the end of every message about this journal: what it means for the trader. */
  consequence: string;
}

export const NO_TRADE = 'Order entry is disabled: no journal, no trade.';
const REVIEW = 'Nothing will be recorded.';

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

const join = (...parts: (string | null)[]): string => parts.filter((p) => p).join(' ');

function withProblem(problem: FileProblem, base: JournalHealth): JournalHealth {
  const state: JournalState = problem.state === 'failed' || base.state === 'failed' ? 'failed' : 'read_only';
  const advice =
    problem.state === 'failed'
      ? 'Nothing has been repaired; what can be read is still readable.'
      : 'It is open read-only: update Blackbox to record into it.';
  return { state, message: join(sentence(problem.message), advice, base.state === 'ok' ? null : base.message) };
}

export function openForReview(path: string): OpenedFile {
  return openReader(path, { state: 'read_only', message: 'Opened read-only for review.' }, readAnchor(path), REVIEW);
}

function openReader(path: string, base: JournalHealth, anchor: AnchorReading, consequence: string): OpenedFile {
  const none = { db: null, readPath: path, dispose: () => {}, seat: null, consequence };
  if (!existsSync(path)) {
    const missing = base.state === 'failed' ? base.message : `There is no journal file at ${path}.`;
    return { ...none, health: { state: 'failed', message: join(missing, consequence) } };
  }
  let connection: ReadConnection;
  try {
    connection = openReadConnection(path);
  } catch (err) {
    return { ...none, health: { state: 'failed', message: join(`The journal file cannot be opened: ${plainReason(err)}.`, consequence) } };
  }
  let problem: FileProblem | null;
  try {
    problem = checkFile(connection.db, anchor);
  } catch (err) {
    const what = isCorruption(err) ? 'the journal file is damaged' : 'the journal file cannot be read';
    problem = { state: 'failed', message: `${what}: ${plainReason(err)}` };
  }
  const health = problem ? withProblem(problem, base) : base;
  return {
    db: connection.db,
    readPath: connection.readPath,
    dispose: connection.dispose,
    seat: null,
    health: { state: health.state, message: join(health.message, connection.note, consequence) },
    consequence,
  };
}

/**
 * SQLite quietly opens a file it may not write as read-only and only says so at the first
 * write, so write something (and take it back) before promising to record.
 */
function proveWritable(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('UPDATE head SET hash = hash');
  } finally {
    db.exec('ROLLBACK');
  }
}

export function openForWriting(path: string): OpenedFile {
  const take = WriterSeat.take(path);
  if (!take.ok) {
    const why = take.taken
      ? `This journal (${path}) is already being recorded by another Blackbox process or window; this one can read it but will not write to it.`
      : `The journal cannot be opened for recording: ${take.reason}.`;
    const state = take.taken || take.readOnly ? 'read_only' : 'failed';
    return openReader(path, { state, message: why }, take.taken ? { status: 'held' } : readAnchor(path), NO_TRADE);
  }
  const seat = take.seat;
  const anchor = seat.reading();
  if (!existsSync(path) && anchor.status === 'found' && anchor.anchor.seq > 0) {
    // Starting a fresh file here would quietly bury the evidence that a whole journal went missing.
    seat.release();
    const message =
      `The journal file ${path} is missing, but the anchor beside it says it held ${anchor.anchor.seq} records: ` +
      `it was deleted or moved. Nothing has been repaired. To start a new journal here, move ${anchorPath(path)} away first.`;
    return openReader(path, { state: 'failed', message }, anchor, NO_TRADE);
  }
  if (existsSync(path)) {
    const checked = openReader(path, { state: 'ok', message: '' }, anchor, NO_TRADE);
    if (checked.health.state !== 'ok') {
      seat.release();
      return checked;
    }
    checked.dispose();
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite would not use write-ahead logging here (journal_mode stayed ${String(mode)})`);
    db.pragma('synchronous = FULL');
    migrate(db);
    proveWritable(db);
    const opened = db;
    return { db, readPath: path, dispose: () => opened.close(), seat, health: { state: 'ok', message: '' }, consequence: NO_TRADE };
  } catch (err) {
    db?.close();
    seat.release();
    const readOnly = err instanceof JournalSchemaTooNewError || (sqliteCode(err) ?? '').startsWith('SQLITE_READONLY');
    const message = `The journal cannot be opened for recording: ${plainReason(err)}.`;
    return openReader(path, { state: readOnly ? 'read_only' : 'failed', message }, readAnchor(path), NO_TRADE);
  }
}
