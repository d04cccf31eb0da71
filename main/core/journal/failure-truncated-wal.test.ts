import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { PROBE, readUntil, runJournalCli, startTs } from './test-support/child';
import { fileState } from './test-support/file-state';
import { tempDir } from './test-support/temp-dir';

describe('a write-ahead log cut short', () => {
  it('reports the committed records that are gone, refuses appends, reads the rest and repairs nothing', async () => {
    const path = join(tempDir(), 'journal.db');
    const wal = `${path}-wal`;
    // A writer killed outright leaves its commits in the write-ahead log, not yet in the file.
    const writer = startTs(PROBE, [path, '--count', '40', '--hold']);
    await readUntil(writer, 'holding');
    writer.process.kill('SIGKILL');
    await writer.exited;
    truncateSync(wal, statSync(wal).size - 5000);
    const before = fileState([path, wal]);

    const journal = Journal.open(path, { clock: new VirtualClock(0) });
    expect(journal.health().state).toBe('failed');
    expect(journal.health().message).toMatch(
      /^The end of the journal is missing: record seq 40 is gone \(the anchor file says the chain reached seq 40; the write-ahead log was cut short/,
    );
    expect(journal.health().message).toContain('Nothing has been repaired');
    expect(() => journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true })).toThrow(JournalUnavailableError);
    expect(journal.query({ limit: 1000 }).events.map((e) => e.seq)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    const report = await journal.verify();
    expect(report).toEqual({
      events: 39,
      head: { seq: 39, hash: expect.any(String) },
      verified: false,
      truncatedTail: { kind: 'truncated', lastSeq: 39, expectedSeq: 40, evidence: 'anchor file' },
    });
    journal.close();
    expect(fileState([path, wal])).toEqual(before);

    const cli = await runJournalCli(['verify', path]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('Truncated tail: the end of the journal is missing: record seq 40 is gone');
    expect(fileState([path, wal])).toEqual(before);
  });
});
