import { GENESIS_HASH } from '../chain';
import type { Migration } from './migration';

/**
 * The chain head, moved in the same transaction as every append. If records vanish from the end
 * of the file, the head still names the last one written, so the loss shows up.
 */
export const chainHeadMigration: Migration = {
  version: 2,
  name: 'chain-head',
  up(db) {
    db.exec(`
      CREATE TABLE head (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        seq  INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER head_refuse_delete BEFORE DELETE ON head
        BEGIN SELECT RAISE(ABORT, 'the chain head cannot be deleted'); END;
      CREATE TRIGGER head_refuse_going_back BEFORE UPDATE ON head WHEN NEW.seq < OLD.seq
        BEGIN SELECT RAISE(ABORT, 'the chain head never moves back'); END;
    `);
    const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    db.prepare('INSERT INTO head (id, seq, hash) VALUES (1, ?, ?)').run(last?.seq ?? 0, last?.hash ?? GENESIS_HASH);
  },
};
