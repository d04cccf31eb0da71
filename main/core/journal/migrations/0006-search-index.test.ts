import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { buildQuery, type JournalQuery } from '../event-reader';
import { Journal } from '../journal';
import { tempDir } from '../test-support/temp-dir';
import { SEARCH_INDEX_BACKLOG } from './0006-search-index';
import { migrate } from './registry';

function plan(db: Database.Database, sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

const seqsOf = (db: Database.Database, q: JournalQuery): number[] => {
  const { sql, params } = buildQuery({ limit: 1000, ...q }, 1, undefined, 'text');
  return db.prepare(sql).raw().all(...params).map((row) => (row as unknown[])[0] as number);
};

describe('migration 6: search index', () => {
  it('indexes the events already stored, so a journal from before it is searched through the index', () => {
    const path = join(tempDir(), 'j.db');
    const db = new Database(path);
    migrate(db, 5);
    const insert = db.prepare(
      `INSERT INTO events (seq, at, venue, kind, payload, raw, client_id, venue_order_id, prev_hash, hash, account, chain_version)
       VALUES (?, 1, 'sim', 'NOTE', ?, ?, ?, ?, '', '', 'sim:local:old', 2)`,
    );
    insert.run(1, '{"text":"Older Note"}', null, null, null);
    insert.run(2, '{}', '{"channel":"fills","id":"F-77"}', 'c-old', 'v-old-9');
    migrate(db, 6);
    expect(db.prepare('SELECT seq FROM search_indexed').pluck().get()).toBe(2);
    const indexed = (q: string) => db.prepare('SELECT rowid FROM events_text WHERE events_text MATCH ? ORDER BY rowid').pluck().all(q);
    expect(indexed('"der"')).toEqual([1]);
    expect(indexed('"f-7" AND "-77"')).toEqual([2]);
    expect(indexed('"-ol"')).toEqual([2]);
    expect(seqsOf(db, { search: 'OLDER' })).toEqual([1]);
    expect(seqsOf(db, { search: 'v-old-9' })).toEqual([2]);
    db.close();
  });

  it('makes a search page read the index in chain order, both ways, instead of every event', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 6);
    for (const q of [{ search: 'f-901' }, { search: 'f-901', order: 'desc' as const, afterSeq: 5 }, { search: 'abc', kind: 'FILL' as const }]) {
      const { sql, params } = buildQuery(q, 1, undefined, 'text');
      const detail = plan(db, sql, params);
      expect(detail).toMatch(/^SCAN events_text VIRTUAL TABLE/);
      expect(detail).toContain('SEARCH events USING INTEGER PRIMARY KEY (rowid=?)');
      expect(detail).not.toContain('TEMP B-TREE');
    }
  });

  it('finds events the index has not caught up with yet, and indexes them once enough wait, across a reopen', () => {
    const path = join(tempDir(), 'j.db');
    const clock = new VirtualClock(1_767_225_600_000);
    let journal = Journal.open(path, { clock });
    const note = (text: string) => journal.append({ kind: 'NOTE', account: 'sim:local:a', venue: 'sim', payload: { text } }, { durable: true });
    note('order NEEDLE-1 sent');
    const indexedThrough = () => {
      const db = new Database(path, { readonly: true });
      const through = db.prepare('SELECT seq FROM search_indexed').pluck().get();
      db.close();
      return through;
    };
    expect(indexedThrough()).toBe(0);
    expect(journal.query({ search: 'needle-1' }).events.map((e) => e.seq)).toEqual([1]);
    journal.close();
    journal = Journal.open(path, { clock });
    for (let i = 2; i <= SEARCH_INDEX_BACKLOG + 1; i++) note(`filler ${i}`);
    expect(indexedThrough()).toBe(SEARCH_INDEX_BACKLOG);
    note('order NEEDLE-2 sent');
    expect(journal.query({ search: 'NEEDLE-' }).events.map((e) => e.seq)).toEqual([1, SEARCH_INDEX_BACKLOG + 2]);
    expect(journal.query({ search: 'NEEDLE-', order: 'desc', limit: 1 })).toMatchObject({ events: [{ seq: SEARCH_INDEX_BACKLOG + 2 }], more: true });
    journal.close();
  });

  it('finds exactly what the plain LIKE search finds, page by page, whatever the text and the other filters', () => {
    const path = join(tempDir(), 'j.db');
    const journal = Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) });
    const words = ['Fill', 'f-901', 'mark_price', '100%', 'é', 'Ünïcödé', '"quoted"', 'a"b', '💶€', 'c-1', 'v-c-1', 'BTC-USD'];
    const word = fc.constantFrom(...words);
    const text = fc.array(fc.oneof(word, fc.string({ maxLength: 4 })), { maxLength: 4 }).map((parts) => parts.join(' '));
    // Enough events that most are in the index and the last few are not yet.
    fc.assert(
      fc.property(fc.array(fc.record({ payload: text, raw: fc.option(text), clientId: fc.option(word) }), { minLength: 20, maxLength: 40 }), (events) => {
        for (const e of events) {
          journal.append({ kind: 'NOTE', account: 'sim:local:a', venue: 'sim', payload: { text: e.payload }, raw: e.raw, clientId: e.clientId }, { durable: false });
        }
        journal.flush();
        return true;
      }),
      { numRuns: 20 },
    );
    const db = new Database(path, { readonly: true });
    const through = () => db.prepare('SELECT seq FROM search_indexed').pluck().get() as number;
    // The last indexing commit may have taken every event in: leave at least one waiting.
    do journal.append({ kind: 'NOTE', account: 'sim:local:a', venue: 'sim', payload: { text: 'Fill f-901 c-1' } }, { durable: true });
    while (through() === journal.head()?.seq);
    journal.close();
    expect(through()).toBeGreaterThan(0);
    const review = Journal.openReadOnly(path);
    const needle = fc.oneof(word, fc.string({ minLength: 1, maxLength: 6 }), word.map((w) => w.toUpperCase().slice(1)));
    fc.assert(
      fc.property(
        needle, fc.constantFrom<'asc' | 'desc'>('asc', 'desc'), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 30 }),
        (search, order, afterSeq, limit) => {
          const q: JournalQuery = { search, order, afterSeq, limit };
          const { sql, params } = buildQuery(q, 1, undefined, 'events');
          const rows = db.prepare(sql).raw().all(...params).map((row) => (row as unknown[])[0] as number);
          const page = review.query(q);
          expect(page.events.map((e) => e.seq)).toEqual(rows.slice(0, limit));
          expect(page.more).toBe(rows.length > limit);
        },
      ),
      { numRuns: 300 },
    );
    review.close();
    db.close();
  });
});
