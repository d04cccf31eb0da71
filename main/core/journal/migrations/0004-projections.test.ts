import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { migrate } from './registry';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 4: projections', () => {
  it('creates orders, fills and positions with the columns the projector writes', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 4);
    expect(columns(db, 'orders')).toEqual([
      'client_id', 'venue', 'market', 'side', 'type', 'size', 'price', 'trigger_price', 'post_only', 'reduce_only',
      'venue_order_id', 'state', 'reason', 'remaining_size', 'filled_size', 'cancel_state', 'cancel_reason',
      'intent_seq', 'last_seq',
    ]);
    expect(columns(db, 'fills')).toEqual([
      'venue', 'fill_id', 'client_id', 'venue_order_id', 'market', 'side', 'price', 'size', 'fee', 'liquidity',
      'fill_type', 'realized_pnl', 'busted', 'seq', 'bust_seq',
    ]);
    expect(columns(db, 'positions')).toEqual(['venue', 'market', 'size', 'last_seq']);
  });

  it('keys fills by venue and fill id, and positions by venue and market', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 4);
    const fill = db.prepare(
      `INSERT INTO fills (venue, fill_id, market, side, price, size, fee, liquidity, fill_type, seq)
       VALUES (?, 'f1', 'BTC', 'BUY', '1', '1', '0', 'TAKER', 'FILL', 1)`,
    );
    fill.run('paradex');
    fill.run('dydx');
    expect(() => fill.run('paradex')).toThrow(/UNIQUE constraint/);
    const position = db.prepare("INSERT INTO positions (venue, market, size, last_seq) VALUES (?, 'BTC', '1', 1)");
    position.run('paradex');
    position.run('dydx');
    expect(() => position.run('dydx')).toThrow(/UNIQUE constraint/);
  });
});
