import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainReason } from './errors';
import { tempDir } from './test-support/temp-dir';

/** The error SQLite really raises when `fn` runs, to check the words we put on it. */
function errorFrom(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected SQLite to refuse');
}

describe('plain words for SQLite failures', () => {
  it('says the disk is full when SQLite runs out of room', () => {
    const db = new Database(join(tempDir(), 'tiny.db'));
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const err = errorFrom(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(10_000)));
    expect(plainReason(err)).toBe('the disk is full (SQLITE_FULL)');
    db.close();
  });

  it('says the file is read-only', () => {
    const path = join(tempDir(), 'ro.db');
    new Database(path).exec('CREATE TABLE t (x)');
    const db = new Database(path, { readonly: true });
    expect(plainReason(errorFrom(() => db.exec('INSERT INTO t VALUES (1)')))).toBe('the file or its folder is read-only (SQLITE_READONLY)');
    db.close();
  });

  it('says another process has the journal', () => {
    const path = join(tempDir(), 'busy.db');
    const holder = new Database(path);
    holder.exec('CREATE TABLE t (x)');
    holder.exec('BEGIN EXCLUSIVE');
    const other = new Database(path, { timeout: 0 });
    expect(plainReason(errorFrom(() => other.exec('BEGIN EXCLUSIVE')))).toBe('the journal is in use by another process (SQLITE_BUSY)');
    holder.exec('COMMIT');
    other.close();
    holder.close();
  });

  it('says a file that is not a database is damaged or not a journal', () => {
    const path = join(tempDir(), 'junk.db');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const db = new Database(path, { readonly: true });
    expect(plainReason(errorFrom(() => db.pragma('user_version')))).toBe(
      'the file is damaged or is not a Blackbox journal: file is not a database (SQLITE_NOTADB)',
    );
    db.close();
  });
});
