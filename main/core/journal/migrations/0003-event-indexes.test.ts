import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { TIME_BLOCK } from '../time-marks';
import { migrate } from './registry';

function plan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('migration 3: event indexes', () => {
  it('notes the latest time of every complete block of events already there', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 2);
    const insert = db.prepare(`INSERT INTO events (seq, at, venue, kind, payload, prev_hash, hash) VALUES (?, ?, 'sim', 'NOTE', '{}', '', '')`);
    db.transaction(() => {
      for (let seq = 1; seq <= 2 * TIME_BLOCK + 5; seq++) insert.run(seq, seq === 7 ? 9_999_999 : seq);
    })();
    migrate(db, 3);
    expect(db.prepare('SELECT block, max_at FROM time_marks ORDER BY block').all()).toEqual([
      { block: 1, max_at: 9_999_999 },
      { block: 2, max_at: 2 * TIME_BLOCK },
    ]);
  });

  it('lets each review filter walk an index in chain order instead of scanning the table', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 3);
    expect(plan(db, "SELECT * FROM events WHERE kind = 'FILL' AND seq > 10 ORDER BY seq LIMIT 50")).toContain('events_by_kind');
    expect(plan(db, "SELECT * FROM events WHERE market = 'ETH' ORDER BY seq LIMIT 50")).toContain('events_by_market');
    expect(plan(db, "SELECT * FROM events WHERE client_id = 'c1' ORDER BY seq DESC LIMIT 50")).toContain('events_by_client');
    expect(plan(db, 'SELECT * FROM events WHERE at >= 5 AND seq >= 1025 ORDER BY seq LIMIT 50')).toContain('INTEGER PRIMARY KEY (rowid>?)');
    for (const sql of [
      "SELECT * FROM events WHERE kind = 'FILL' ORDER BY seq LIMIT 50",
      "SELECT * FROM events WHERE market = 'ETH' ORDER BY seq LIMIT 50",
    ]) {
      expect(plan(db, sql)).not.toContain('TEMP B-TREE');
    }
  });
});
