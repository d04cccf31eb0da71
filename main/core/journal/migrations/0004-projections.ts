import type { Migration } from './migration';

/**
 * Orders, fills and positions as the journal believes them, kept in the same transaction as
 * the events that change them so that opening a journal never replays it. Decimals are text.
 * Versions 1–4 shipped together, so no journal holds events without these tables: there is
 * nothing to backfill.
 */
export const projectionsMigration: Migration = {
  version: 4,
  name: 'projections',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        client_id      TEXT PRIMARY KEY,
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
        last_seq       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE fills (
        venue          TEXT NOT NULL,
        fill_id        TEXT NOT NULL,
        client_id      TEXT,
        venue_order_id TEXT,
        market         TEXT NOT NULL,
        side           TEXT NOT NULL,
        price          TEXT NOT NULL,
        size           TEXT NOT NULL,
        fee            TEXT NOT NULL,
        liquidity      TEXT NOT NULL,
        fill_type      TEXT NOT NULL,
        realized_pnl   TEXT,
        busted         INTEGER NOT NULL DEFAULT 0,
        seq            INTEGER NOT NULL,
        bust_seq       INTEGER,
        PRIMARY KEY (venue, fill_id)
      ) STRICT;
      CREATE INDEX fills_by_client ON fills (client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX fills_by_market ON fills (market, seq);

      CREATE TABLE positions (
        venue    TEXT NOT NULL,
        market   TEXT NOT NULL,
        size     TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (venue, market)
      ) STRICT;
    `);
  },
};
