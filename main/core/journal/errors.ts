/**
 * The journal's typed errors and the plain words it uses for SQLite's failures. Callers show
 * these messages to the trader as they are, so they say what happened and what it means.
 */
import type { JournalState } from '../../../shared/snapshot';

/**
 * Thrown by append and flush whenever the journal cannot record. Order entry must stop when it
 * sees this: no journal, no trade.
 */
export class JournalUnavailableError extends Error {
  override readonly name = 'JournalUnavailableError';
  constructor(
    readonly state: Exclude<JournalState, 'ok'>,
    message: string,
  ) {
    super(message);
  }
}

/** The file was written by a newer Blackbox; this one cannot know what its tables mean. */
export class JournalSchemaTooNewError extends Error {
  override readonly name = 'JournalSchemaTooNewError';
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `this journal was written by a newer Blackbox (schema version ${fileVersion}); ` +
        `this app understands up to schema version ${appVersion}`,
    );
  }
}

/** SQLite's error code when `err` came from better-sqlite3, otherwise null. */
export function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export function isCorruption(err: unknown): boolean {
  const code = sqliteCode(err) ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** A short phrase for what went wrong, e.g. "the disk is full (SQLITE_FULL)". */
export function plainReason(err: unknown): string {
  const code = sqliteCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (code === null) return detail;
  if (code === 'SQLITE_FULL') return `the disk is full (${code})`;
  if (code.startsWith('SQLITE_IOERR')) return `the disk refused to read or write the file: ${detail} (${code})`;
  if (code.startsWith('SQLITE_READONLY')) return `the file or its folder is read-only (${code})`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `the journal is in use by another process (${code})`;
  }
  if (isCorruption(err)) return `the file is damaged or is not a Blackbox journal: ${detail} (${code})`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `the file cannot be opened: ${detail} (${code})`;
  return `${detail} (${code})`;
}

/** The caller handed `append` something the journal will not store (a bug, not a disk problem). */
export class JournalInputError extends Error {
  override readonly name = 'JournalInputError';
}
