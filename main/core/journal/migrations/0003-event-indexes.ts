import type { Migration } from './migration';

/**
 * Indexes for the review screens' filters. Each ends in seq so a filtered page comes out in
 * chain order; market and client id are often null (price samples, notes), so those indexes
 * skip nulls and cost nothing for such events.
 */
export const eventIndexesMigration: Migration = {
  version: 3,
  name: 'event-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX events_by_kind   ON events (kind, seq);
      CREATE INDEX events_by_market ON events (market, seq) WHERE market IS NOT NULL;
      CREATE INDEX events_by_client ON events (client_id, seq) WHERE client_id IS NOT NULL;
      CREATE INDEX events_by_at     ON events (at);
    `);
  },
};
