/**
 * The checks made when a journal is opened. They cost a handful of index lookups whatever the
 * size of the file; the full walk is `verify`.
 */
import type Database from 'better-sqlite3';
import { EventReader } from './event-reader';
import { JournalSchemaTooNewError } from './errors';
import { SCHEMA_VERSION, schemaVersion } from './migrations/registry';
import { checkTail, describeTail } from './tail-check';
import type { Anchor, AnchorReading } from './writer-seat';

export interface FileProblem {
  state: 'read_only' | 'failed';
  message: string;
}

/** What is wrong with the file, or null. SQLite errors (a damaged file) are thrown to the caller. */
export function checkFile(db: Database.Database, anchor: AnchorReading): FileProblem | null {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) {
    return { state: 'read_only', message: new JournalSchemaTooNewError(version, SCHEMA_VERSION).message };
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
    return tables > 0 ? { state: 'failed', message: 'the file is a database but not a Blackbox journal' } : null;
  }
  const reader = new EventReader(db);
  const head = version >= 2 ? ((db.prepare('SELECT seq, hash FROM head').get() as Anchor | undefined) ?? null) : null;
  const finding = checkTail(reader.last(), head, anchor, (seq) => reader.hashAt(seq));
  return finding ? { state: 'failed', message: describeTail(finding) } : null;
}
