import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { PROBE, readUntil, startTs } from './test-support/child';
import { tempDir } from './test-support/temp-dir';

const clock = () => new VirtualClock(1_767_225_600_000);
const note = { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { text: 'hi' } } as const;

describe('a journal locked by another writer', () => {
  it('opens read-only beside a writer in another process, says so plainly, and reads its records', async () => {
    const path = join(tempDir(), 'journal.db');
    const holder = startTs(PROBE, [path, '--count', '3', '--hold']);
    try {
      const lines = await readUntil(holder, 'holding');
      expect(lines.filter((l) => 'seq' in l).map((l) => l.seq)).toEqual([1, 2, 3]);

      const second = Journal.open(path, { clock: clock() });
      expect(second.health().state).toBe('read_only');
      expect(second.health().message).toMatch(/already being recorded by another Blackbox process/);
      expect(second.health().message).toMatch(/Order entry is disabled/);
      expect(() => second.append(note, { durable: true })).toThrow(JournalUnavailableError);
      expect(second.query().events.map((e) => e.seq)).toEqual([1, 2, 3]);
      second.close();
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
    const after = Journal.open(path, { clock: clock() });
    expect(after.health().state).toBe('ok');
    expect(after.append(note, { durable: true }).seq).toBe(4);
    after.close();
  });

  it('gives a second writer in the same process the same answer', () => {
    const path = join(tempDir(), 'journal.db');
    const first = Journal.open(path, { clock: clock() });
    first.append(note, { durable: true });
    const second = Journal.open(path, { clock: clock() });
    expect(second.health().state).toBe('read_only');
    let error: unknown;
    try {
      second.append(note, { durable: true });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(JournalUnavailableError);
    expect((error as JournalUnavailableError).state).toBe('read_only');
    expect(first.append(note, { durable: true }).seq).toBe(2);
    expect(second.count()).toBe(2);
    second.close();
    first.close();
  });
});
