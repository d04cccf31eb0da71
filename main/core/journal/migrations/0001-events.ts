import type { Migration } from './migration';

/** The append-only event log. `seq` is the rowid, so reading in chain order needs no index. */
export const eventsMigration: Migration = {
  version: 1,
  name: 'events',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        seq            INTEGER PRIMARY KEY,
        at             INTEGER NOT NULL,
        venue_at       INTEGER,
        venue          TEXT NOT NULL,
        kind           TEXT NOT NULL,
        market         TEXT,
        client_id      TEXT,
        venue_order_id TEXT,
        payload        TEXT NOT NULL,
        raw            TEXT,
        prev_hash      TEXT NOT NULL,
        hash           TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'journal events are append-only: UPDATE is refused'); END;
      CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'journal events are append-only: DELETE is refused'); END;
      -- INSERT OR REPLACE deletes the old row without firing the DELETE trigger; stop it here.
      CREATE TRIGGER events_refuse_replace BEFORE INSERT ON events
        WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'journal events are append-only: that seq is already taken'); END;
    `);
  },
};
