import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { tempDir } from './test-support/temp-dir';
import { anchorPath } from './writer-seat';

const clock = () => new VirtualClock(1_767_225_600_000);
const note = (i: number) => ({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { i } }) as const;

function appendNotes(path: string, from: number, to: number): void {
  const journal = Journal.open(path, { clock: clock() });
  for (let i = from; i <= to; i++) journal.append(note(i), { durable: true });
  journal.close();
}

describe('a journal file swapped or removed behind the app', () => {
  it('notices an older copy put back in place of the journal', async () => {
    const dir = tempDir();
    const path = join(dir, 'journal.db');
    appendNotes(path, 1, 10);
    copyFileSync(path, join(dir, 'backup.db'));
    appendNotes(path, 11, 20);
    copyFileSync(join(dir, 'backup.db'), path);

    const journal = Journal.open(path, { clock: clock() });
    expect(journal.health().state).toBe('failed');
    expect(journal.health().message).toContain('records seq 11–20 are gone');
    expect(journal.health().message).toContain('replaced by an older copy');
    expect(() => journal.append(note(0), { durable: true })).toThrow(JournalUnavailableError);
    expect(journal.count()).toBe(10);
    expect((await journal.verify()).truncatedTail).toEqual({ kind: 'truncated', lastSeq: 10, expectedSeq: 20, evidence: 'anchor file' });
    journal.close();
  });

  it('will not start a fresh journal where one has gone missing', () => {
    const path = join(tempDir(), 'journal.db');
    appendNotes(path, 1, 5);
    rmSync(path);
    const journal = Journal.open(path, { clock: clock() });
    expect(journal.health().state).toBe('failed');
    expect(journal.health().message).toContain('is missing, but the anchor beside it says it held 5 records');
    expect(() => journal.append(note(0), { durable: true })).toThrow(JournalUnavailableError);
    journal.close();
    expect(existsSync(path)).toBe(false);

    rmSync(anchorPath(path));
    const fresh = Journal.open(path, { clock: clock() });
    expect(fresh.health().state).toBe('ok');
    fresh.close();
  });
});
