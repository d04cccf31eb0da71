/**
 * Crash loop: `blackbox journal append-test` appends durable events and prints each seq the
 * moment it is committed; we SIGKILL it after a random number of lines and check that every printed seq
 * survived, the chain verifies, SQLite finds the file intact and the journal opens for writing
 * again. Two journals are crashed side by side to fit 50 rounds in the time.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from './journal';
import { startJournalCli } from './test-support/child';
import { tempDir } from './test-support/temp-dir';

const ROUNDS_PER_JOURNAL = 25;

/** Small seeded generator (mulberry32) so a failing run can be repeated from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function crashRound(path: string, linesBeforeKill: number): Promise<number[]> {
  const child = startJournalCli(['append-test', path, '--count', '1000000']);
  const printed: number[] = [];
  while (printed.length < linesBeforeKill) {
    const line = await child.nextLine();
    if (line === null) break;
    printed.push(Number(line));
  }
  child.process.kill('SIGKILL');
  const { signal, stderr } = await child.exited;
  expect(signal, `the child should still have been appending when killed: ${stderr}`).toBe('SIGKILL');
  return printed;
}

async function checkAfterCrash(path: string, printed: number[], headBefore: number, label: string): Promise<number> {
  if (!existsSync(path)) {
    // Killed before the very first journal was even created: then nothing can have been promised.
    expect(printed, `${label}: no file, so no seq may have been printed`).toEqual([]);
    return headBefore;
  }
  if (printed.length > 0) {
    expect(printed, `${label}: seqs continue the chain`).toEqual(printed.map((_, i) => headBefore + 1 + i));
  }
  const raw = new Database(path, { readonly: true });
  expect(raw.pragma('integrity_check', { simple: true }), label).toBe('ok');
  raw.close();

  const review = Journal.openReadOnly(path);
  const report = await review.verify();
  expect(report.verified, `${label}: ${JSON.stringify(report)}`).toBe(true);
  const head = report.head?.seq ?? 0;
  expect(head, `${label}: every printed seq is present`).toBeGreaterThanOrEqual(printed.at(-1) ?? headBefore);
  expect(review.count(), label).toBe(head);
  review.close();

  const writer = Journal.open(path, { clock: new VirtualClock(0) });
  expect(writer.health(), label).toMatchObject({ state: 'ok' });
  writer.close();
  return head;
}

async function crashLoop(seed: number): Promise<number> {
  const next = random(seed);
  const path = join(tempDir(), 'journal.db');
  let head = 0;
  let rounds = 0;
  for (let round = 1; round <= ROUNDS_PER_JOURNAL; round++) {
    // Now and then kill at once, before the child has even opened the journal.
    const kill = next() < 0.12 ? 0 : 1 + Math.floor(next() * 60);
    const printed = await crashRound(path, kill);
    head = await checkAfterCrash(path, printed, head, `seed ${seed}, round ${round}, kill after ${kill} lines`);
    rounds += 1;
  }
  return rounds;
}

describe('crashing the writer', () => {
  // Each round starts `node bin/blackbox.mjs`, about 0.5–1.3 s of CPU on its own; the timeout allows for a busy machine.
  it(`loses no committed event over ${ROUNDS_PER_JOURNAL * 2} SIGKILLs`, { timeout: 150_000 }, async () => {
    const seed = Date.now();
    const rounds = await Promise.all([crashLoop(seed), crashLoop(seed + 1)]);
    expect(rounds.reduce((a, b) => a + b)).toBe(ROUNDS_PER_JOURNAL * 2);
  });
});
