import type { Migration } from './migration';

/**
 * Fewer pages per durable commit. An order intent's commit cost grows with the pages it writes to
 * the write-ahead log, and it wrote ten: the event row, one entry in each of four event indexes,
 * four for its order row (the table, its primary key, and indexes by client id and intent seq)
 * and the head. Now it writes three.
 *
 * - Orders: the table is its primary key (`WITHOUT ROWID`, account and order key — for our own
 *   orders the client id, so they are found by it); the client id index covers only orders
 *   placed elsewhere; orders are sorted by intent seq when read (an account's orders are few).
 * - Event filters: the review screens' indexes (kind, market, client id, account, venue order
 *   id) move off `events` to `event_keys`, a copy of those columns by seq that the writer fills
 *   in with the search index, in the same transaction, once SEARCH_INDEX_BACKLOG events wait
 *   (see index-catch-up.ts); `search_indexed` names the last seq in both. Readers read the few
 *   events after it directly (event-reader.ts).
 */
export const commitPagesMigration: Migration = {
  version: 7,
  name: 'commit-pages',
  up(db) {
    db.exec(`
      CREATE TABLE orders_by_key (
        account        TEXT NOT NULL,
        order_key      TEXT NOT NULL,
        client_id      TEXT,
        origin         TEXT NOT NULL,
        venue          TEXT NOT NULL,
        market         TEXT NOT NULL,
        side           TEXT NOT NULL,
        type           TEXT NOT NULL,
        size           TEXT NOT NULL,
        price          TEXT,
        trigger_price  TEXT,
        post_only      INTEGER NOT NULL,
        reduce_only    INTEGER NOT NULL,
        venue_order_id TEXT,
        state          TEXT NOT NULL,
        reason         TEXT,
        remaining_size TEXT,
        filled_size    TEXT NOT NULL,
        cancel_state   TEXT,
        cancel_reason  TEXT,
        intent_seq     INTEGER NOT NULL,
        last_seq       INTEGER NOT NULL,
        PRIMARY KEY (account, order_key)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO orders_by_key
        SELECT account, order_key, client_id, origin, venue, market, side, type, size, price, trigger_price, post_only,
          reduce_only, venue_order_id, state, reason, remaining_size, filled_size, cancel_state, cancel_reason, intent_seq, last_seq
        FROM orders;
      DROP TABLE orders;
      ALTER TABLE orders_by_key RENAME TO orders;
      CREATE INDEX orders_by_venue_id ON orders (account, venue_order_id) WHERE venue_order_id IS NOT NULL;
      CREATE INDEX orders_by_client ON orders (client_id) WHERE origin <> 'own';

      CREATE TABLE event_keys (
        seq            INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL,
        account        TEXT NOT NULL,
        market         TEXT,
        client_id      TEXT,
        venue_order_id TEXT
      ) STRICT;
      INSERT INTO event_keys
        SELECT seq, kind, account, market, client_id, venue_order_id FROM events WHERE seq <= (SELECT seq FROM search_indexed);
      CREATE INDEX event_keys_by_kind    ON event_keys (kind, seq);
      CREATE INDEX event_keys_by_market  ON event_keys (market, seq) WHERE market IS NOT NULL;
      CREATE INDEX event_keys_by_client  ON event_keys (client_id, seq) WHERE client_id IS NOT NULL;
      CREATE INDEX event_keys_by_account ON event_keys (account, seq);
      CREATE INDEX event_keys_by_order   ON event_keys (venue_order_id, seq) WHERE venue_order_id IS NOT NULL;
      DROP INDEX events_by_kind;
      DROP INDEX events_by_market;
      DROP INDEX events_by_client;
      DROP INDEX events_by_account;
      DROP INDEX events_by_order;
    `);
  },
};
