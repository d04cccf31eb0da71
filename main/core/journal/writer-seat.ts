/**
 * The writer's seat: a small SQLite file beside the journal (`<journal>-anchor`) that does two
 * jobs. Holding it in EXCLUSIVE locking mode makes this process the journal's only writer; the
 * operating system lets go of the lock when the process dies, however it dies. And it keeps
 * the last committed (seq, hash), written just after each commit, outside the journal file.
 * If the journal's write-ahead log is cut short or the file is swapped for an older copy, the
 * head table inside the file goes back with it, but this anchor does not.
 *
 * The anchor is written without fsync: it may lag behind the journal after a power cut, never
 * run ahead of it, so "anchor ahead of the file" always means records were lost.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { plainReason, sqliteCode } from './errors';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export const anchorPath = (journalPath: string): string => `${journalPath}-anchor`;

export interface Anchor {
  seq: number;
  hash: string;
}

export type AnchorReading =
  | { status: 'found'; anchor: Anchor }
  /** No anchor file: a journal copied from another machine, or one never written to. */
  | { status: 'absent' }
  /** Another process is writing the journal right now and holds the anchor. */
  | { status: 'held' }
  | { status: 'unreadable'; reason: string };

export type TakeSeat =
  | { ok: true; seat: WriterSeat }
  /** `taken`: another writer holds it. `readOnly`: this process may not write beside the journal. */
  | { ok: false; taken: boolean; readOnly: boolean; reason: string };

export class WriterSeat {
  private readonly save: Database.Statement;
  private anchor: Anchor | null;

  private constructor(private readonly db: Database.Database) {
    this.save = db.prepare('INSERT OR REPLACE INTO anchor (id, seq, hash) VALUES (1, ?, ?)');
    this.anchor = (db.prepare('SELECT seq, hash FROM anchor').get() as Anchor | undefined) ?? null;
  }

  static take(journalPath: string): TakeSeat {
    let db: Database.Database | undefined;
    try {
      db = new Database(anchorPath(journalPath), { timeout: 0 });
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = OFF');
      // The first write takes the exclusive lock, and EXCLUSIVE mode keeps it until close.
      db.exec('BEGIN EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS anchor (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL)');
      db.exec('COMMIT');
      return { ok: true, seat: new WriterSeat(db) };
    } catch (err) {
      db?.close();
      const code = sqliteCode(err) ?? '';
      const taken = code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
      const readOnly = code.startsWith('SQLITE_READONLY') || !writable(dirname(journalPath));
      return { ok: false, taken, readOnly, reason: readOnly && !taken ? 'the journal or its folder is read-only' : plainReason(err) };
    }
  }

  /** The anchor as it stands: what the previous writer left until this one records its first commit. */
  reading(): AnchorReading {
    return this.anchor ? { status: 'found', anchor: { ...this.anchor } } : { status: 'absent' };
  }

  record(seq: number, hash: string): void {
    this.save.run(seq, hash);
    this.anchor = { seq, hash };
  }

  release(): void {
    this.db.close();
  }
}

/** Reads the anchor of a journal this process is not writing, changing nothing. */
export function readAnchor(journalPath: string): AnchorReading {
  const path = anchorPath(journalPath);
  if (!existsSync(path)) return { status: 'absent' };
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
    // A writer killed while first creating the file leaves it without the table: nothing was anchored.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'anchor'").get()) return { status: 'absent' };
    const anchor = db.prepare('SELECT seq, hash FROM anchor').get() as Anchor | undefined;
    return anchor ? { status: 'found', anchor } : { status: 'absent' };
  } catch (err) {
    const code = sqliteCode(err) ?? '';
    if (code.startsWith('SQLITE_BUSY')) return { status: 'held' };
    return { status: 'unreadable', reason: plainReason(err) };
  } finally {
    db?.close();
  }
}
