/**
 * Which journal the Journal tab shows: the live one, or another file opened read-only for
 * offline review (another machine's, an old one). Review never writes to the file.
 *
 * Opening takes a path from the renderer, so it is an oracle an attacker would like: it opens
 * only a regular file that starts with SQLite's header, and every refusal — missing, not a
 * file, not SQLite, not a place the host allows — reads the same, so it tells nothing about
 * what exists.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JournalSource } from '../../../shared/journal-view';
import { DomainError } from '../api/dispatch';
import { Journal } from '../journal/journal';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The one answer for every path review will not open. */
export function cannotOpen(path: string): DomainError {
  return new DomainError('CANNOT_OPEN', `Blackbox cannot open ${path} for review: choose a Blackbox journal with "Open journal…", or one inside the folders this host allows.`);
}

/** The file's real path (links followed) if it is a regular file starting with SQLite's header, else null. */
export function reviewablePath(path: string): string | null {
  let real: string;
  try {
    real = realpathSync(resolve(path));
    if (!statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | null = null;
  try {
    fd = openSync(real, 'r');
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER) ? real : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export class JournalReview {
  private reviewing: Journal | null = null;

  constructor(private readonly live: Journal) {}

  get current(): Journal {
    return this.reviewing ?? this.live;
  }

  source(): JournalSource {
    return { path: this.current.path, readOnly: this.reviewing !== null };
  }

  open(path: string): JournalSource {
    const full = reviewablePath(path);
    if (full === null) throw cannotOpen(path);
    if (full === reviewablePath(this.live.path)) return this.close();
    const journal = Journal.openReadOnly(full);
    const health = journal.health();
    if (health.state === 'failed') {
      journal.close();
      throw new DomainError('JOURNAL_UNREADABLE', health.message);
    }
    this.reviewing?.close();
    this.reviewing = journal;
    return this.source();
  }

  close(): JournalSource {
    this.reviewing?.close();
    this.reviewing = null;
    return this.source();
  }
}
