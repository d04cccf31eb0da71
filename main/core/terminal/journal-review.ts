/**
 * Which journal the Journal tab shows: the live one, or another file opened read-only for
 * offline review (another machine's, an old one). Review never writes to the file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JournalSource } from '../../../shared/journal-view';
import { DomainError } from '../api/dispatch';
import { Journal } from '../journal/journal';

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
    const full = resolve(path);
    if (!existsSync(full)) throw new DomainError('NOT_FOUND', `There is no file at ${full}.`);
    if (full === resolve(this.live.path)) return this.close();
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
