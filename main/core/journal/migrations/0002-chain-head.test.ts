import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../chain';
import { tempDir } from '../test-support/temp-dir';
import { migrate } from './registry';

const readHead = (db: Database.Database) => db.prepare('SELECT seq, hash FROM head').all();

describe('migration 2: chain head', () => {
  it('starts an empty journal at the genesis hash', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 2);
    expect(readHead(db)).toEqual([{ seq: 0, hash: GENESIS_HASH }]);
  });

  it('points at the last existing record when events are already there', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 1);
    const insert = db.prepare(
      `INSERT INTO events (seq, at, venue, kind, payload, prev_hash, hash) VALUES (?, 0, 'sim', 'NOTE', '{}', ?, ?)`,
    );
    insert.run(1, GENESIS_HASH, 'a'.repeat(64));
    insert.run(2, 'a'.repeat(64), 'b'.repeat(64));
    migrate(db, 2);
    expect(readHead(db)).toEqual([{ seq: 2, hash: 'b'.repeat(64) }]);
  });

  it('never moves back, cannot be deleted and holds one row', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 2);
    db.prepare("UPDATE head SET seq = 5, hash = 'x'").run();
    expect(() => db.prepare('UPDATE head SET seq = 4').run()).toThrow('never moves back');
    expect(() => db.prepare('DELETE FROM head').run()).toThrow('cannot be deleted');
    expect(() => db.prepare("INSERT INTO head (id, seq, hash) VALUES (2, 9, 'y')").run()).toThrow(/CHECK constraint/);
    expect(readHead(db)).toEqual([{ seq: 5, hash: 'x' }]);
  });
});
