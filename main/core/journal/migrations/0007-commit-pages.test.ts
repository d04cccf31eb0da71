import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { buildQuery, type JournalQuery } from '../event-reader';
import { Journal } from '../journal';
import { tempDir } from '../test-support/temp-dir';
import { migrate } from './registry';

const clock = () => new VirtualClock(1_767_225_600_000);

function plan(db: Database.Database, sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

const indexesOf = (db: Database.Database, table: string): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(table) as string[];

describe('migration 7: fewer pages per commit', () => {
  it('keeps every order and moves the filter indexes off the events, keyed up to where the text index is', () => {
    const path = join(tempDir(), 'j.db');
    const db = new Database(path);
    migrate(db, 6);
    const event = db.prepare(
      `INSERT INTO events (seq, at, venue, kind, market, client_id, venue_order_id, payload, prev_hash, hash, account, chain_version)
       VALUES (?, 1, 'sim', ?, 'BTC-USD-PERP', ?, ?, '{}', '', '', ?, 2)`,
    );
    event.run(1, 'ORDER_INTENT', 'c-1', null, 'sim:local:a');
    event.run(2, 'VENUE_ORDER_UPDATE', 'bot-7', 'v-9', 'sim:local:b');
    db.prepare('UPDATE search_indexed SET seq = 1').run();
    const order = db.prepare(
      `INSERT INTO orders (account, order_key, client_id, origin, venue, market, side, type, size, post_only, reduce_only, venue_order_id,
         state, filled_size, intent_seq, last_seq) VALUES (?, ?, ?, ?, 'sim', 'BTC-USD-PERP', 'BUY', 'LIMIT', '1', 0, 0, ?, 'OPEN', '0', ?, ?)`,
    );
    order.run('sim:local:b', 'venue:v-9', 'bot-7', 'external', 'v-9', 2, 2);
    order.run('sim:local:a', 'c-1', 'c-1', 'own', null, 1, 1);
    migrate(db, 7);
    expect(indexesOf(db, 'events')).toEqual([]);
    expect(indexesOf(db, 'event_keys')).toEqual([
      'event_keys_by_account', 'event_keys_by_client', 'event_keys_by_kind', 'event_keys_by_market', 'event_keys_by_order',
    ]);
    expect(db.prepare('SELECT seq, kind, account, client_id FROM event_keys').raw().all()).toEqual([[1, 'ORDER_INTENT', 'sim:local:a', 'c-1']]);
    db.close();

    const journal = Journal.openReadOnly(path);
    expect(journal.orders().map((o) => [o.account, o.orderKey, o.clientId, o.origin, o.intentSeq])).toEqual([
      ['sim:local:a', 'c-1', 'c-1', 'own', 1], ['sim:local:b', 'venue:v-9', 'bot-7', 'external', 2],
    ]);
    expect(journal.orders({ account: 'sim:local:b', clientId: 'bot-7' }).map((o) => o.orderKey)).toEqual(['venue:v-9']);
    expect(journal.orders({ clientId: 'c-1' }).map((o) => o.orderKey)).toEqual(['c-1']);
    expect(journal.orders({ account: 'sim:local:b', clientId: 'c-1' })).toEqual([]);
    // The second event is not keyed yet: it is read directly.
    expect(journal.accounts()).toEqual(['sim:local:a', 'sim:local:b']);
    expect(journal.query({ account: 'sim:local:b' }).events.map((e) => e.seq)).toEqual([2]);
    expect(journal.query({ kind: 'ORDER_INTENT' }).events.map((e) => e.seq)).toEqual([1]);
    journal.close();
  });

  it('finds an order of ours by its key and one placed elsewhere through the client id index, never walking the account', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 7);
    const detail = plan(
      db,
      `SELECT * FROM orders WHERE ((account = ? AND order_key = ? AND origin = 'own') OR (+account = ? AND client_id = ? AND origin <> 'own'))`,
      ['a', 'c', 'a', 'c'],
    );
    expect(detail).toContain('USING PRIMARY KEY (account=? AND order_key=?)');
    expect(detail).toContain('USING INDEX orders_by_client (client_id=?)');
    for (const q of [{ kind: 'FILL' as const }, { account: 'a', order: 'desc' as const }, { market: 'ETH', afterSeq: 5 }, { clientId: 'c-1' }]) {
      const { sql, params } = buildQuery(q, 1, undefined, 'keys');
      expect(plan(db, sql, params)).toMatch(/^SEARCH event_keys USING (COVERING )?INDEX event_keys_by_/);
      expect(plan(db, sql, params)).not.toContain('TEMP B-TREE');
    }
    db.close();
  });

  it('pages every filter exactly as a full scan of the events does, keyed or not yet keyed', () => {
    const path = join(tempDir(), 'j.db');
    const journal = Journal.open(path, { clock: clock() });
    const accounts = ['sim:local:a', 'sim:local:b', 'paradex:mainnet:0xabc'];
    const markets = ['BTC-USD-PERP', 'ETH-USD-PERP', null];
    const clientIds = ['c-1', 'c-2', 'bot-7', null];
    const kinds = ['NOTE', 'PRICE_SAMPLE', 'VENUE_STATUS'] as const;
    const record = fc.record({
      kind: fc.constantFrom(...kinds), account: fc.constantFrom(...accounts), market: fc.constantFrom(...markets),
      clientId: fc.constantFrom(...clientIds), durable: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 50, maxLength: 120 }), (events) => {
        for (const e of events) {
          journal.append({ kind: e.kind, account: e.account, venue: 'sim', market: e.market, clientId: e.clientId, payload: { n: 1 } }, { durable: e.durable });
        }
        journal.flush();
      }),
      { numRuns: 8 },
    );
    journal.close();
    const review = Journal.openReadOnly(path);
    const db = new Database(path, { readonly: true });
    const through = db.prepare('SELECT seq FROM search_indexed').pluck().get() as number;
    const head = db.prepare('SELECT seq FROM head').pluck().get() as number;
    expect(through).toBeGreaterThan(0);
    expect(through).toBeLessThan(head);
    expect(review.accounts()).toEqual([...accounts].sort());
    const query = fc.record(
      {
        kind: fc.constantFrom(...kinds), account: fc.constantFrom(...accounts), market: fc.constantFrom('BTC-USD-PERP', 'ETH-USD-PERP'),
        clientId: fc.constantFrom('c-1', 'c-2', 'bot-7'), order: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        // Often just before where the keys end, so that pages cross from keyed to not yet keyed.
        afterSeq: fc.oneof(fc.integer({ min: 0, max: head }), fc.integer({ min: Math.max(0, through - 20), max: through })),
        limit: fc.integer({ min: 1, max: 300 }),
      },
      { requiredKeys: ['limit'] },
    );
    fc.assert(
      fc.property(query, (q: JournalQuery) => {
        const { sql, params } = buildQuery(q, 1, undefined, 'events');
        expect(plan(db, sql, params)).not.toContain('event_keys');
        const rows = db.prepare(sql).raw().all(...params).map((row) => (row as unknown[])[0] as number);
        const page = review.query(q);
        expect(page.events.map((e) => e.seq)).toEqual(rows.slice(0, q.limit));
        expect(page.more).toBe(rows.length > (q.limit as number));
      }),
      { numRuns: 300 },
    );
    review.close();
    db.close();
  });
});
