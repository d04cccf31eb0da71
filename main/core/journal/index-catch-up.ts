/**
 * The writer's deferred indexes: the text index (migration 6) and the filter keys (migration 7)
 * are written together, after the rows of a transaction and in one statement each, once
 * SEARCH_INDEX_BACKLOG events wait — so that a durable order commit writes its row, its order and
 * the head, not a page in each of six indexes. `search_indexed` names the last seq in both;
 * readers read the events after it directly.
 */
import type Database from 'better-sqlite3';
import { SEARCH_INDEX_BACKLOG, searchIndexer } from './migrations/0006-search-index';

export { SEARCH_INDEX_BACKLOG };

/** Indexes every event after search_indexed and moves it to the last one. Run inside a transaction, on a file at schema 7 or later. */
export function indexCatchUp(db: Database.Database): () => void {
  const keys = db.prepare(
    `INSERT INTO event_keys (seq, kind, account, market, client_id, venue_order_id)
     SELECT seq, kind, account, market, client_id, venue_order_id FROM events WHERE seq > (SELECT seq FROM search_indexed)`,
  );
  // The text index, then search_indexed moved past both.
  const textAndMark = searchIndexer(db);
  return () => {
    keys.run();
    textAndMark();
  };
}
