import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue';

/** A task that records when it starts and finishes only when released. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => (log.push(name), done), release: () => release() };
}

describe('fair queue', () => {
  it('serves a connection with one call before the rest of a connection that sent many', async () => {
    const log: string[] = [];
    const queue = new FairQueue<string>(1, 1);
    const flood = Array.from({ length: 5 }, (_, i) => gate(log, `A${i}`));
    for (const g of flood) queue.push('A', g.task);
    const single = gate(log, 'B0');
    queue.push('B', single.task);
    const byName = new Map([...flood.map((g, i) => [`A${i}`, g] as const), ['B0', single]]);
    for (let started = 0; started < 6; started++) {
      byName.get(log[started])!.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A was already in line when B arrived, so A gets its next turn first, then B: not A's whole backlog.
    expect(log).toEqual(['A0', 'A1', 'B0', 'A2', 'A3', 'A4']);
  });

  it('lets no connection hold more than its share of the running calls, so slow calls from one leave room for another', async () => {
    const log: string[] = [];
    const queue = new FairQueue<string>(4, 2);
    const slow = ['A0', 'A1', 'A2', 'A3'].map((n) => gate(log, n));
    for (const g of slow) queue.push('A', g.task);
    expect(log).toEqual(['A0', 'A1']);
    const b = gate(log, 'B0');
    queue.push('B', b.task);
    expect(log).toEqual(['A0', 'A1', 'B0']);
    for (const g of [...slow, b]) g.release();
  });

  it('runs at most `concurrency` calls at once and forgets the waiting calls of a dropped owner', async () => {
    const log: string[] = [];
    const queue = new FairQueue<string>(2, 2);
    const gates = ['A0', 'A1', 'A2'].map((n) => gate(log, n));
    for (const g of gates) queue.push('A', g.task);
    expect(log).toEqual(['A0', 'A1']);
    queue.drop('A');
    gates[0].release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['A0', 'A1']);
  });
});
