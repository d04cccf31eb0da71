/**
 * Read-only connections that never write to the journal or its write-ahead log.
 *
 * SQLite cannot read a WAL-mode file in place when it may not create the small -shm index
 * beside it (read-only media, a write-protected folder). There the journal is read from a
 * private copy of the file and its log in a temp folder, so it stays readable without being
 * touched; the copy is removed when the connection is disposed of.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sqliteCode } from './errors';

export interface ReadConnection {
  db: Database.Database;
  /** Where further read-only connections should point: the journal, or the private copy. */
  readPath: string;
  /** Set when reading from a private copy: says so, for the health message. */
  note: string | null;
  dispose(): void;
}

/** Throws only when SQLite cannot open the file at all. */
export function openReadConnection(path: string): ReadConnection {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('user_version');
  } catch (err) {
    if (sqliteCode(err) === 'SQLITE_READONLY_DIRECTORY') {
      db.close();
      return readCopy(path);
    }
    // Anything else (a damaged file, say) is for the caller's checks to find and report.
  }
  return { db, readPath: path, note: null, dispose: () => db.close() };
}

function readCopy(path: string): ReadConnection {
  const dir = mkdtempSync(join(tmpdir(), 'blackbox-journal-copy-'));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  return {
    db,
    readPath: copy,
    note: 'Its folder is read-only, so it is being read from a private copy.',
    dispose: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
