import type { Migration } from './migration';

/**
 * Whose record (DESIGN §2.9) and a chain a verifier can recompute (DESIGN §6).
 * - `events.account`: the trading account a record belongs to. Records written before this step
 *   carry no account; they belong to BEFORE_ACCOUNTS, shown as such and never guessed.
 * - `events.chain_version`: 1 for records hashed as before (hash = H(prev ‖ record text)), 2 for
 *   records hashed as H(prev ‖ H(record)); old records keep verifying as they were written.
 * - The projections are rebuilt keyed by account. Orders are keyed by `order_key`: the client id
 *   for Blackbox's own orders, `venue:<venue order id>` for orders placed elsewhere (`origin`
 *   external, or venue for the venue's own liquidation/ADL/settlement orders).
 */
export const BEFORE_ACCOUNTS = 'journal:before-accounts';

export const accountsMigration: Migration = {
  version: 5,
  name: 'accounts',
  up(db) {
    db.exec(`
      ALTER TABLE events ADD COLUMN account TEXT NOT NULL DEFAULT '${BEFORE_ACCOUNTS}';
      ALTER TABLE events ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX events_by_account ON events (account, seq);
      CREATE INDEX events_by_order ON events (venue_order_id, seq) WHERE venue_order_id IS NOT NULL;

      CREATE TABLE orders_by_account (
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
      ) STRICT;
      INSERT INTO orders_by_account
        SELECT '${BEFORE_ACCOUNTS}', client_id, client_id, 'own', venue, market, side, type, size, price, trigger_price,
          post_only, reduce_only, venue_order_id, state, reason, remaining_size, filled_size, cancel_state,
          cancel_reason, intent_seq, last_seq
        FROM orders;
      DROP TABLE orders;
      ALTER TABLE orders_by_account RENAME TO orders;
      CREATE INDEX orders_by_client ON orders (client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX orders_by_venue_id ON orders (account, venue_order_id) WHERE venue_order_id IS NOT NULL;
      CREATE INDEX orders_in_order ON orders (account, intent_seq);

      CREATE TABLE fills_by_account (
        account        TEXT NOT NULL,
        fill_id        TEXT NOT NULL,
        origin         TEXT NOT NULL,
        venue          TEXT NOT NULL,
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
        venue_at       INTEGER,
        source         TEXT NOT NULL,
        busted         INTEGER NOT NULL DEFAULT 0,
        seq            INTEGER NOT NULL,
        bust_seq       INTEGER,
        PRIMARY KEY (account, fill_id, venue)
      ) STRICT;
      INSERT INTO fills_by_account
        SELECT '${BEFORE_ACCOUNTS}', fill_id,
          CASE WHEN fill_type IN ('LIQUIDATION', 'DELEVERAGE', 'OFFSETTING', 'SETTLE_MARKET') THEN 'venue'
               WHEN client_id IS NULL THEN 'external' ELSE 'own' END,
          venue, client_id, venue_order_id, market, side, price, size, fee, liquidity, fill_type, realized_pnl,
          NULL, 'ws', busted, seq, bust_seq
        FROM fills;
      DROP TABLE fills;
      ALTER TABLE fills_by_account RENAME TO fills;
      CREATE INDEX fills_by_client ON fills (client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX fills_by_market ON fills (account, market, seq);
      CREATE INDEX fills_in_order ON fills (account, seq);
      CREATE INDEX fills_by_time ON fills (account, venue_at);

      CREATE TABLE positions_by_account (
        account  TEXT NOT NULL,
        venue    TEXT NOT NULL,
        market   TEXT NOT NULL,
        size     TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (account, venue, market)
      ) STRICT;
      INSERT INTO positions_by_account SELECT '${BEFORE_ACCOUNTS}', venue, market, size, last_seq FROM positions;
      DROP TABLE positions;
      ALTER TABLE positions_by_account RENAME TO positions;

      CREATE TABLE balances (
        account           TEXT PRIMARY KEY,
        total_collateral  TEXT NOT NULL,
        account_value     TEXT,
        free_collateral   TEXT,
        seq               INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE reconcile_checkpoints (
        account       TEXT PRIMARY KEY,
        complete_at   INTEGER NOT NULL,
        window_start  INTEGER NOT NULL,
        cursor        TEXT,
        seq           INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
