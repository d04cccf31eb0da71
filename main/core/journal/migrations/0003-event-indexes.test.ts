import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { migrate } from './registry';

function plan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('migration 3: event indexes', () => {
  it('lets each review filter walk an index in chain order instead of scanning the table', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 3);
    expect(plan(db, "SELECT * FROM events WHERE kind = 'FILL' AND seq > 10 ORDER BY seq LIMIT 50")).toContain('events_by_kind');
    expect(plan(db, "SELECT * FROM events WHERE market = 'ETH' ORDER BY seq LIMIT 50")).toContain('events_by_market');
    expect(plan(db, "SELECT * FROM events WHERE client_id = 'c1' ORDER BY seq DESC LIMIT 50")).toContain('events_by_client');
    expect(plan(db, 'SELECT * FROM events WHERE at >= 5 AND at < 9')).toContain('events_by_at');
    for (const sql of [
      "SELECT * FROM events WHERE kind = 'FILL' ORDER BY seq LIMIT 50",
      "SELECT * FROM events WHERE market = 'ETH' ORDER BY seq LIMIT 50",
    ]) {
      expect(plan(db, sql)).not.toContain('TEMP B-TREE');
    }
  });
});
