/**
 * `user.restart`: the terminal stops (journal closed, sockets gone) and a new one starts on the
 * same journal later, while the simulated venue goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { runReplay } from './run-replay';

const scenario = () => {
  const parsed = parseScenario(readFileSync(join(import.meta.dirname, '../../../scenarios/restart-app-closed-stop.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('replay with a restart', () => {
  it('closes the terminal, lets the venue go on, starts again on the same journal, and does so the same way twice', async () => {
    const s = scenario();
    const running: boolean[] = [];
    const report = await runReplay(s, { onFinished: async (session) => void running.push(session.running) });
    const again = await runReplay(s);
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
    expect(running).toEqual([true]);
    expect(report.journal.verified).toBe(true);
    // Each terminal journals the status it finds when it starts: once at the start, once 60 s after the restart at 00:00:20.
    expect(report.statusTimeline).toEqual([
      { at: new Date(s.start).toISOString(), status: 'ok' },
      { at: new Date(s.start + 80_000).toISOString(), status: 'ok' },
    ]);
    // The stop fired while the app was closed; the restarted terminal has its fill and judges it.
    expect(Object.fromEntries(report.orders.map((o) => [o.clientId, o.state]))).toEqual({ L1: 'FILLED', SL1: 'FILLED' });
    expect(report.incidents.map((i) => [i.kind, i.clientIds])).toEqual([['UNEXPECTED_TRIGGER', ['SL1']]]);
    expect(report.positions).toEqual([{ market: 'BTC-USD-PERP', journal: '0', venue: '0' }]);
  }, 60_000);
});
