import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from './journal';
import { PROBE, readUntil, runJournalCli, startJournalCli, startTs } from './test-support/child';
import { fill, intent, priceSample } from './test-support/events';
import { tempDir } from './test-support/temp-dir';

const T0 = Date.parse('2026-01-19T04:30:00Z');

function sampleJournal(): string {
  const path = join(tempDir(), 'journal.db');
  const clock = new VirtualClock(T0);
  const journal = Journal.open(path, { clock });
  journal.append(priceSample(1), { durable: true });
  clock.advanceTo(T0 + 60_000);
  journal.append(intent('c-1'), { durable: true });
  journal.append(fill('c-1', 'f-1', 'BUY', '0.5'), { durable: true });
  journal.append({ ...priceSample(2), market: 'ETH-USD-PERP' }, { durable: true });
  journal.close();
  return path;
}

async function exitOf(child: ReturnType<typeof startTs>) {
  const lines: string[] = [];
  for (let line = await child.nextLine(); line !== null; line = await child.nextLine()) lines.push(line);
  return { ...(await child.exited), lines };
}

describe('blackbox journal', () => {
  it('verify prints a plain verdict, or the JSON report, and exits 0 when the chain holds', async () => {
    const path = sampleJournal();
    const human = await runJournalCli(['verify', path]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Verified: 4 events, chain head seq 4 \([0-9a-f]{16}…\)\.\nProjections recomputed from the records: 1 orders, 1 fills, 1 positions, every row agrees\.\n$/);
    const json = await runJournalCli(['verify', path, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      events: 4, head: { seq: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, verified: true,
      projections: { checked: true, reason: null, rows: { orders: 1, fills: 1, positions: 1 }, differences: [] },
    });
  });

  it('inspect filters by kind, market and time, newest last', async () => {
    const path = sampleJournal();
    const fills = await runJournalCli(['inspect', path, '--kind', 'FILL', '--json']);
    expect(fills.code).toBe(0);
    const report = JSON.parse(fills.stdout);
    expect(report).toMatchObject({ count: 4, head: { seq: 4 }, more: false, health: { state: 'read_only' } });
    expect(report.events.map((e: { seq: number }) => e.seq)).toEqual([3]);
    const eth = JSON.parse((await runJournalCli(['inspect', path, '--market', 'ETH-USD-PERP', '--json'])).stdout);
    expect(eth.events.map((e: { seq: number }) => e.seq)).toEqual([4]);
    const later = JSON.parse((await runJournalCli(['inspect', path, '--since', '2026-01-19T04:31:00Z', '--json'])).stdout);
    expect(later.events.map((e: { seq: number }) => e.seq)).toEqual([2, 3, 4]);
    const text = await runJournalCli(['inspect', path, '--limit', '2']);
    expect(text.stdout.split('\n').filter((l) => /^\s+\d+ {2}/.test(l)).map((l) => Number(l.trim().split(' ')[0]))).toEqual([3, 4]);
    expect(text.stdout).toContain('older matching events not shown');
  });

  it.each([
    [['verify', '/no/such/journal.db'], 'there is no file at /no/such/journal.db'],
    [['inspect', 'PATH', '--since', 'yesterday'], '--since must be an ISO time'],
    [['append-test', 'PATH', '--count', '-3'], '--count must be a whole number of at least 1'],
  ])('treats %j as bad input: exit 2', async (args, message) => {
    const path = sampleJournal();
    const run = await runJournalCli(args.map((a) => (a === 'PATH' ? path : a)));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('append-test prints each committed seq on its own line', async () => {
    const path = join(tempDir(), 'journal.db');
    const run = await exitOf(startJournalCli(['append-test', path, '--count', '3']));
    expect(run).toMatchObject({ code: 0, lines: ['1', '2', '3'] });
    const journal = Journal.openReadOnly(path);
    expect(journal.query().events.map((e) => [e.seq, e.kind, e.payload])).toEqual([[1, 'TEST', { i: 1 }], [2, 'TEST', { i: 2 }], [3, 'TEST', { i: 3 }]]);
    journal.close();
  });

  it('append-test refuses, exit 1, when another process is recording', async () => {
    const path = join(tempDir(), 'journal.db');
    const holder = startTs(PROBE, [path, '--hold']);
    await readUntil(holder, 'holding');
    try {
      const run = await exitOf(startJournalCli(['append-test', path, '--count', '3']));
      expect(run.code).toBe(1);
      expect(run.lines).toEqual([]);
      expect(run.stderr).toContain('already being recorded by another Blackbox process');
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
  });
});
