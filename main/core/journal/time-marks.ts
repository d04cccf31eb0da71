/**
 * Time marks let a "since" filter start near the right place. Events are in seq order but the
 * wall clock can step back, so no index can say "the first seq at or after time T" directly.
 * Every TIME_BLOCK events the latest time seen in that block is noted; the first block whose
 * latest time reaches T holds the first matching event, and every block before it holds none.
 */
import type Database from 'better-sqlite3';

export const TIME_BLOCK = 1024;

/** Call right after inserting seq when seq is a multiple of TIME_BLOCK. */
export function timeMarker(db: Database.Database): (seq: number) => void {
  const mark = db.prepare('INSERT INTO time_marks (block, max_at) SELECT ?, max(at) FROM events WHERE seq > ? AND seq <= ?');
  return (seq) => {
    mark.run(seq / TIME_BLOCK, seq - TIME_BLOCK, seq);
  };
}

/** Gives the first block that can hold an event at or after a time (bind the time). */
export const FIRST_BLOCK_SINCE = `SELECT coalesce((SELECT min(block) FROM time_marks WHERE max_at >= ?),
                                  (SELECT coalesce(max(block), 0) + 1 FROM time_marks))`;

export const firstSeqOfBlock = (block: number): number => (block - 1) * TIME_BLOCK + 1;
