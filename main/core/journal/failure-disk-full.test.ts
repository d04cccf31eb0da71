import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from './journal';
import { PROBE, readUntil, startTs } from './test-support/child';
import { tempDir } from './test-support/temp-dir';

describe('a disk that refuses writes', () => {
  it('stops recording with a plain message and a typed refusal, losing nothing already committed', async () => {
    const path = join(tempDir(), 'journal.db');
    // RLIMIT_FSIZE makes the kernel refuse to grow any file past 512 KiB, as a full disk would.
    const child = startTs(PROBE, [path, '--count', '10000', '--payload-bytes', '2000'], { shellPrefix: 'ulimit -f 1024;' });
    const lines = await readUntil(child, 'count');
    await child.exited;
    const committed = lines.filter((l) => 'seq' in l).map((l) => l.seq as number);
    const refusal = lines.find((l) => 'refused' in l) as { refused: string; message: string; health: { state: string; message: string } };

    expect(committed.length).toBeGreaterThan(5);
    expect(committed).toEqual(committed.map((_, i) => i + 1));
    expect(refusal.refused).toBe('JournalUnavailableError');
    expect(refusal.health.state).toBe('failed');
    expect(refusal.message).toMatch(/Recording stopped: the disk (is full|refused to read or write the file)/);
    expect(refusal.message).toContain(`Everything up to seq ${committed.length} is safely recorded`);
    expect(refusal.message).toContain(`(seq ${committed.length + 1}) was not`);
    expect(refusal.message).toContain('Order entry is disabled');
    // Reading still worked in the failed process.
    expect(lines.at(-1)).toEqual({ count: committed.length });

    const review = Journal.openReadOnly(path);
    expect(review.count()).toBe(committed.length);
    expect(await review.verify()).toMatchObject({ verified: true, events: committed.length });
    review.close();

    // Once there is room again, recording resumes where the chain left off.
    const reopened = Journal.open(path, { clock: new VirtualClock(0) });
    expect(reopened.health().state).toBe('ok');
    expect(reopened.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true }).seq).toBe(committed.length + 1);
    reopened.close();
  });
});
