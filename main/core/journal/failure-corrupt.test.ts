import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { fileState } from './test-support/file-state';
import { runJournalCli } from './test-support/child';
import { firstRowid, leafPages } from './test-support/pages';
import { tempDir } from './test-support/temp-dir';

const clock = () => new VirtualClock(1_767_225_600_000);
const note = { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} } as const;

function journalWith(count: number): string {
  const path = join(tempDir(), 'journal.db');
  const journal = Journal.open(path, { clock: clock() });
  for (let i = 0; i < count; i++) journal.append({ kind: 'TEST', account: 'sim:local:test', venue: 'sim', payload: { i, pad: 'p'.repeat(200) } }, { durable: false });
  journal.close();
  return path;
}

function overwrite(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xab), 0, length, offset);
  closeSync(fd);
}

describe('a damaged journal file', () => {
  it('reports garbage in the header plainly, refuses appends and repairs nothing', async () => {
    const path = journalWith(50);
    overwrite(path, 0, 100);
    const before = fileState([path]);

    const journal = Journal.open(path, { clock: clock() });
    expect(journal.health().state).toBe('failed');
    expect(journal.health().message).toMatch(/^The journal file is damaged: the file is damaged or is not a Blackbox journal/);
    expect(journal.health().message).toContain('Nothing has been repaired');
    expect(() => journal.append(note, { durable: true })).toThrow(JournalUnavailableError);
    expect(() => journal.query()).toThrow(JournalUnavailableError);
    expect(await journal.verify()).toMatchObject({ verified: false, events: 0, firstBad: { seq: 1 } });
    journal.close();

    expect(fileState([path])).toEqual(before);
    expect((await runJournalCli(['verify', path])).code).toBe(1);
  });

  it('names the first record on a damaged page and still reads the records before it', async () => {
    const path = journalWith(2000);
    const raw = new Database(path, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const leaves = leafPages(raw, 'events');
    raw.close();
    const victim = leaves[Math.floor(leaves.length / 2)];
    const page = Buffer.alloc(pageSize);
    const fd = openSync(path, 'r');
    readSync(fd, page, 0, pageSize, (victim - 1) * pageSize);
    closeSync(fd);
    const firstLost = firstRowid(page);
    overwrite(path, (victim - 1) * pageSize, pageSize);
    const before = fileState([path]);

    const review = Journal.openReadOnly(path);
    const report = await review.verify();
    expect(report.verified).toBe(false);
    expect(report.firstBad?.seq).toBe(firstLost);
    expect(report.firstBad?.reason).toMatch(/the file is damaged at or after this record/);
    expect(review.health()).toMatchObject({ state: 'failed' });
    expect(review.health().message).toContain(`record seq ${firstLost} is bad`);
    expect(review.query({ limit: 20 }).events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(review.query({ order: 'desc', limit: 1 }).events[0].seq).toBe(2000);
    review.close();

    const writer = Journal.open(path, { clock: clock() });
    expect((await writer.verify()).firstBad?.seq).toBe(firstLost);
    expect(writer.health().state).toBe('failed');
    expect(() => writer.append(note, { durable: true })).toThrow(JournalUnavailableError);
    writer.close();
    expect(fileState([path])).toEqual(before);

    const cli = await runJournalCli(['verify', path, '--json']);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).firstBad.seq).toBe(firstLost);
  });
});
