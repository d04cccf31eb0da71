import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { Journal } from '../journal';
import { tempDir } from '../test-support/temp-dir';
import { BEFORE_ACCOUNTS } from './0005-accounts';
import { migrate } from './registry';

/** A journal as version 4 wrote it: records chained the old way, projections without accounts. */
function journalBeforeAccounts(path: string): void {
  const db = new Database(path);
  migrate(db, 4);
  db.close();
}

describe('migration 5: accounts', () => {
  it('opens a journal written before accounts: old records verify, read as the migration names them, and projections keep them', async () => {
    const path = join(tempDir(), 'old.db');
    journalBeforeAccounts(path);
    // Write v1 records through a v4-era writer: the chain text without account, as that build hashed it.
    const { createHash } = await import('node:crypto');
    const db = new Database(path);
    let prev = '0'.repeat(64);
    const rows: [number, string, string][] = [
      [1, 'ORDER_INTENT', '{"clientId":"old-1","decision":{"allowed":true},"market":"BTC-USD-PERP","postOnly":false,"reduceOnly":false,"side":"BUY","size":"1","type":"MARKET"}'],
      [2, 'NOTE', '{"text":"before"}'],
    ];
    for (const [seq, kind, payload] of rows) {
      const clientId = kind === 'ORDER_INTENT' ? '"old-1"' : 'null';
      const market = kind === 'ORDER_INTENT' ? '"BTC-USD-PERP"' : 'null';
      const text = `{"at":${seq},"clientId":${clientId},"kind":"${kind}","market":${market},"payload":${payload},"raw":null,"seq":${seq},"venue":"paradex","venueAt":null,"venueOrderId":null}`;
      const hash = createHash('sha256').update(prev + text).digest('hex');
      db.prepare('INSERT INTO events (seq, at, venue_at, venue, kind, market, client_id, venue_order_id, payload, raw, prev_hash, hash) VALUES (?, ?, NULL, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)')
        .run(seq, seq, 'paradex', kind, kind === 'ORDER_INTENT' ? 'BTC-USD-PERP' : null, kind === 'ORDER_INTENT' ? 'old-1' : null, payload, prev, hash);
      db.prepare('UPDATE head SET seq = ?, hash = ?').run(seq, hash);
      prev = hash;
    }
    db.prepare(`INSERT INTO orders (client_id, venue, market, side, type, size, state, post_only, reduce_only, filled_size, remaining_size, intent_seq, last_seq)
      VALUES ('old-1', 'paradex', 'BTC-USD-PERP', 'BUY', 'MARKET', '1', 'intent', 0, 0, '0', '1', 1, 1)`).run();
    db.close();

    const review = Journal.openReadOnly(path);
    expect(review.query().events.map((e) => [e.seq, e.account, e.chainVersion])).toEqual([[1, BEFORE_ACCOUNTS, 1], [2, BEFORE_ACCOUNTS, 1]]);
    expect((await review.verify()).verified).toBe(true);
    expect(review.accounts()).toEqual([BEFORE_ACCOUNTS]);
    expect(review.query({ account: BEFORE_ACCOUNTS }).events).toHaveLength(2);
    expect(review.query({ account: 'sim:local:A' }).events).toEqual([]);
    review.close();

    const journal = Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) });
    journal.append({ kind: 'NOTE', account: 'sim:local:A', venue: 'sim', payload: { text: 'after' } }, { durable: true });
    expect(journal.query().events.map((e) => [e.seq, e.account, e.chainVersion])).toEqual([
      [1, BEFORE_ACCOUNTS, 1], [2, BEFORE_ACCOUNTS, 1], [3, 'sim:local:A', 2],
    ]);
    expect(journal.orders().map((o) => [o.account, o.clientId, o.origin])).toEqual([[BEFORE_ACCOUNTS, 'old-1', 'own']]);
    expect(journal.query({ account: BEFORE_ACCOUNTS }).events.map((e) => e.seq)).toEqual([1, 2]);
    expect(journal.accounts()).toEqual([BEFORE_ACCOUNTS, 'sim:local:A']);
    expect((await journal.verify()).verified).toBe(true);
    journal.close();
  });
});
