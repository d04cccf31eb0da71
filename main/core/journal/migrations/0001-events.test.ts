import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { migrate } from './registry';

function eventsOnly(): Database.Database {
  const db = new Database(join(tempDir(), 'j.db'));
  migrate(db, 1);
  return db;
}

const insert = `INSERT INTO events (seq, at, venue, kind, payload, prev_hash, hash) VALUES (?, ?, 'sim', 'NOTE', '{}', 'p', 'h')`;

describe('migration 1: events', () => {
  it('creates the events table with the documented columns', () => {
    const db = eventsOnly();
    const columns = (db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual([
      'seq', 'at', 'venue_at', 'venue', 'kind', 'market', 'client_id', 'venue_order_id', 'payload', 'raw', 'prev_hash', 'hash',
    ]);
  });

  it('refuses UPDATE and DELETE, including a REPLACE that would delete a row', () => {
    const db = eventsOnly();
    db.prepare(insert).run(1, 1000);
    expect(() => db.prepare("UPDATE events SET payload = '{\"x\":1}' WHERE seq = 1").run()).toThrow('append-only: UPDATE');
    expect(() => db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow('append-only: DELETE');
    expect(() => db.prepare(insert.replace('INSERT', 'INSERT OR REPLACE')).run(1, 2000)).toThrow('append-only: that seq is already taken');
    expect(db.prepare('SELECT at FROM events').all()).toEqual([{ at: 1000 }]);
  });

  it('is strict about column types', () => {
    const db = eventsOnly();
    expect(() => db.prepare(insert).run(1, 'yesterday')).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
