import type Database from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * A text index for the review screens' search (DESIGN §6), so that finding a rare id in a
 * million events reads a few index pages instead of every payload.
 *
 * `events_text` is an FTS5 table with the trigram tokenizer: it holds, per event (rowid = seq),
 * every three-character run of its payload, raw message and order ids, case-folded. It stores
 * no text of its own (content='') and no positions or sizes (detail='none', columnsize=0),
 * which keeps it about as large as the events it indexes; it only narrows the candidates, and
 * the reader checks each candidate with the same LIKE as before, so what a search finds is
 * unchanged (see event-reader.ts).
 *
 * `search_indexed` names the last seq in the index. The writer indexes in the append
 * transaction once SEARCH_INDEX_BACKLOG events wait (see journal.ts): an FTS5 write costs a
 * segment per transaction, which would add half again to every durable order commit. Readers
 * read the few events after it directly.
 */
export const searchIndexMigration: Migration = {
  version: 6,
  name: 'search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE events_text USING fts5(text, tokenize = 'trigram', content = '', detail = 'none', columnsize = 0);
      CREATE TABLE search_indexed (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO search_indexed (id, seq) VALUES (1, 0);
    `);
    searchIndexer(db)();
  },
};

/** Events waiting beyond this are indexed in the next append transaction. */
export const SEARCH_INDEX_BACKLOG = 256;

/** Indexes every event after search_indexed and moves it to the last one. Run inside a transaction. */
export function searchIndexer(db: Database.Database): () => void {
  const index = db.prepare(
    `INSERT INTO events_text (rowid, text)
     SELECT seq, payload || char(10) || coalesce(raw, '') || char(10) || coalesce(client_id, '') || char(10) || coalesce(venue_order_id, '')
     FROM events WHERE seq > (SELECT seq FROM search_indexed)`,
  );
  const mark = db.prepare('UPDATE search_indexed SET seq = (SELECT coalesce(max(seq), 0) FROM events) WHERE id = 1');
  return () => {
    index.run();
    mark.run();
  };
}
