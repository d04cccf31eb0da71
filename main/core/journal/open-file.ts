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
import { JournalSchemaTooNewError, plainReason, sqliteCode } from './errors';
import { checkFile, type FileProblem } from './file-check';
import { migrate } from './migrations/registry';
import { WriterSeat, readAnchor, type AnchorReading } from './writer-seat';

export interface JournalHealth {
  state: JournalState;
  message: string;
}

export interface OpenedFile {
  /** Null only when no connection at all could be made. */
  db: Database.Database | null;
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

function withProblem(problem: FileProblem, base: JournalHealth, consequence: string): JournalHealth {
  const state: JournalState = problem.state === 'failed' || base.state === 'failed' ? 'failed' : 'read_only';
  const advice =
    problem.state === 'failed'
      ? 'Nothing has been repaired; what can be read is still readable.'
      : 'It is open read-only: update Blackbox to record into it.';
  const context = base.state === 'ok' ? '' : ` ${base.message}`;
  return { state, message: `${sentence(problem.message)} ${advice}${context} ${consequence}` };
}

export function openForReview(path: string): OpenedFile {
  return openReader(path, { state: 'read_only', message: 'Opened read-only for review.' }, readAnchor(path), REVIEW);
}

function openReader(path: string, base: JournalHealth, anchor: AnchorReading, consequence: string): OpenedFile {
  if (!existsSync(path)) {
    return { db: null, seat: null, health: { state: 'failed', message: `There is no journal file at ${path}. ${consequence}` }, consequence };
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    const message = `The journal file cannot be opened: ${plainReason(err)}. ${consequence}`;
    return { db: null, seat: null, health: { state: 'failed', message }, consequence };
  }
  let problem: FileProblem | null;
  try {
    problem = checkFile(db, anchor);
  } catch (err) {
    problem = { state: 'failed', message: `the journal file is damaged: ${plainReason(err)}` };
  }
  const health = problem ? withProblem(problem, base, consequence) : { ...base, message: `${base.message} ${consequence}` };
  return { db, seat: null, health, consequence };
}

export function openForWriting(path: string): OpenedFile {
  const take = WriterSeat.take(path);
  if (!take.ok) {
    const why = take.taken
      ? `This journal (${path}) is already being recorded by another Blackbox process or window; this one can read it but will not write to it.`
      : `The journal cannot be opened for recording: ${take.reason}.`;
    return openReader(path, { state: take.taken ? 'read_only' : 'failed', message: why }, take.taken ? { status: 'held' } : readAnchor(path), NO_TRADE);
  }
  const seat = take.seat;
  if (existsSync(path)) {
    const checked = openReader(path, { state: 'ok', message: '' }, seat.reading(), NO_TRADE);
    if (checked.health.state !== 'ok') {
      seat.release();
      return checked;
    }
    checked.db?.close();
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite would not use write-ahead logging here (journal_mode stayed ${String(mode)})`);
    db.pragma('synchronous = FULL');
    // Taking the write lock and letting it go proves the file can be written before we promise anything.
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    migrate(db);
    return { db, seat, health: { state: 'ok', message: '' }, consequence: NO_TRADE };
  } catch (err) {
    db?.close();
    seat.release();
    const readOnly = err instanceof JournalSchemaTooNewError || (sqliteCode(err) ?? '').startsWith('SQLITE_READONLY');
    const message = `The journal cannot be opened for recording: ${plainReason(err)}.`;
    return openReader(path, { state: readOnly ? 'read_only' : 'failed', message }, readAnchor(path), NO_TRADE);
  }
}
