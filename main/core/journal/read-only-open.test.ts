import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { PROBE, readUntil, startTs } from './test-support/child';
import { fileState } from './test-support/file-state';
import { intent } from './test-support/events';
import { tempDir } from './test-support/temp-dir';

async function review(path: string) {
  const journal = Journal.openReadOnly(path);
  const seen = {
    state: journal.health().state,
    count: journal.count(),
    head: journal.head(),
    page: journal.query({ limit: 5 }).events.length,
    orders: journal.orders().length,
    report: await journal.verify(),
  };
  expect(() => journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true })).toThrow(JournalUnavailableError);
  journal.close();
  return seen;
}

describe('Journal.openReadOnly', () => {
  it('reads a cleanly closed journal without changing its bytes or modification time', async () => {
    const path = join(tempDir(), 'journal.db');
    const writer = Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) });
    for (let i = 0; i < 20; i++) writer.append(intent(`c-${i}`), { durable: true });
    writer.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const files = [path, `${path}-anchor`];
    const before = fileState(files);

    const seen = await review(path);
    expect(seen).toMatchObject({ state: 'read_only', count: 20, head: { seq: 20 }, page: 5, orders: 20, report: { verified: true, events: 20 } });
    expect(fileState(files)).toEqual(before);
    // SQLite may leave an empty write-ahead log beside a WAL-mode file it has read; it holds nothing.
    if (existsSync(`${path}-wal`)) expect(statSync(`${path}-wal`).size).toBe(0);
  });

  it('reads a journal whose write-ahead log still holds commits without changing the file or the log', async () => {
    const path = join(tempDir(), 'journal.db');
    const writer = startTs(PROBE, [path, '--count', '25', '--hold']);
    await readUntil(writer, 'holding');
    writer.process.kill('SIGKILL');
    await writer.exited;
    const files = [path, `${path}-wal`, `${path}-anchor`];
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const before = fileState(files);

    const seen = await review(path);
    expect(seen).toMatchObject({ state: 'read_only', count: 25, head: { seq: 25 }, report: { verified: true, events: 25 } });
    expect(fileState(files)).toEqual(before);
  });
});
