/**
 * The migration registry: one file per step, applied in order, each in its own transaction
 * together with the PRAGMA user_version that records it. A file from a newer app is refused
 * before anything is written to it.
 */
import type Database from 'better-sqlite3';
import { JournalSchemaTooNewError } from '../errors';
import { eventsMigration } from './0001-events';
import { chainHeadMigration } from './0002-chain-head';
import { eventIndexesMigration } from './0003-event-indexes';
import { projectionsMigration } from './0004-projections';
import { accountsMigration } from './0005-accounts';
import { searchIndexMigration } from './0006-search-index';
import { commitPagesMigration } from './0007-commit-pages';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  eventsMigration,
  chainHeadMigration,
  eventIndexesMigration,
  projectionsMigration,
  accountsMigration,
  searchIndexMigration,
  commitPagesMigration,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings `db` up to `target` (the latest unless a test asks for an earlier step). */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) throw new JournalSchemaTooNewError(current, SCHEMA_VERSION);
  for (const step of MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}
