import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { runReplay } from './run-replay';

const scenario = (name: string) => {
  const parsed = parseScenario(readFileSync(join(import.meta.dirname, '../../../scenarios', name), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('replay of dydx-2025-10-halt through the whole core', () => {
  it('is deterministic to the byte and ends each order as the journal recorded it', async () => {
    const first = await runReplay(scenario('dydx-2025-10-halt.json'));
    const second = await runReplay(scenario('dydx-2025-10-halt.json'));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));

    expect(first.journal.verified).toBe(true);
    const states = Object.fromEntries(first.orders.map((o) => [o.clientId, o.state]));
    expect(states).toEqual({ L1: 'FILLED', O1: 'CANCELLED_BY_VENUE', B1: 'DENIED' });
    // B1 is a buy while the venue's frozen oracle still says ~3300 and the world says ~3050.
    expect(first.orders.find((o) => o.clientId === 'B1')?.reason).toMatch(/venue mark 3300 .* from the independent price/);
    expect(first.statusTimeline[0]).toEqual({ at: '2025-10-10T21:30:00.000Z', status: 'ok' });
  });
});
