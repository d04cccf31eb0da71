import { TIME_BLOCK } from '../time-marks';
import type { Migration } from './migration';

/**
 * Indexes for the review screens' filters. Each ends in seq so a filtered page comes out in
 * chain order; market and client id are often null (price samples, notes), so those indexes
 * skip nulls and cost nothing for such events. "Since" needs no index on time: the time marks
 * (see time-marks.ts) say where in seq order to start, one row per 1024 events.
 */
export const eventIndexesMigration: Migration = {
  version: 3,
  name: 'event-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX events_by_kind   ON events (kind, seq);
      CREATE INDEX events_by_market ON events (market, seq) WHERE market IS NOT NULL;
      CREATE INDEX events_by_client ON events (client_id, seq) WHERE client_id IS NOT NULL;
      CREATE TABLE time_marks (
        block  INTEGER PRIMARY KEY,
        max_at INTEGER NOT NULL
      ) STRICT;
    `);
    // Bound numbers arrive as floats, and block numbers need integer division: the constant is inlined.
    db.exec(
      `INSERT INTO time_marks (block, max_at)
       SELECT (seq + ${TIME_BLOCK - 1}) / ${TIME_BLOCK} AS block, max(at) FROM events GROUP BY block HAVING count(*) = ${TIME_BLOCK}`,
    );
  },
};
