import { chmodSync, chownSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from './journal';
import { PROBE, readUntil, startTs } from './test-support/child';
import { tempDir } from './test-support/temp-dir';

/** Root ignores file permissions, so as root the writer runs as `nobody`, for whom they hold. */
const asOtherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function journalWith(count: number): string {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const path = join(dir, 'journal.db');
  const journal = Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) });
  for (let i = 0; i < count; i++) journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { i } }, { durable: true });
  journal.close();
  if ('uid' in asOtherUser) for (const f of readdirSync(dir)) chownSync(join(dir, f), 65534, 65534);
  return path;
}

async function tryToWrite(path: string) {
  const child = startTs(PROBE, [path, '--count', '1'], asOtherUser);
  const lines = await readUntil(child, 'count');
  await child.exited;
  return {
    health: lines[0].health as { state: string; message: string },
    refused: lines.find((l) => 'refused' in l) as { refused: string; message: string } | undefined,
    count: lines.at(-1)!.count,
  };
}

describe('a journal that cannot be written', () => {
  it('opens read-only when the file itself is read-only, refusing appends and reading everything', async () => {
    const path = journalWith(3);
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const seen = await tryToWrite(path);
    expect(seen.health.state).toBe('read_only');
    expect(seen.health.message).toMatch(/cannot be opened for recording: the file or its folder is read-only/);
    expect(seen.health.message).toContain('Order entry is disabled');
    expect(seen.refused?.refused).toBe('JournalUnavailableError');
    expect(seen.count).toBe(3);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('opens read-only when the whole folder is read-only (read-only media)', async () => {
    const path = journalWith(2);
    const dir = join(path, '..');
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o444);
    chmodSync(dir, 0o555);
    const before = { bytes: readFileSync(path), mtime: statSync(path).mtimeMs, files: readdirSync(dir) };
    const seen = await tryToWrite(path);
    chmodSync(dir, 0o777);
    expect(seen.health.state).toBe('read_only');
    expect(seen.health.message).toMatch(/read-only/);
    expect(seen.refused?.refused).toBe('JournalUnavailableError');
    expect(seen.count).toBe(2);
    expect({ bytes: readFileSync(path), mtime: statSync(path).mtimeMs, files: readdirSync(dir) }).toEqual(before);
  });
});
