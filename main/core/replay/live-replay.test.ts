import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { LiveReplay, MAX_SPEED } from './live-replay';

const scenario = () => {
  const parsed = parseScenario(readFileSync(join(import.meta.dirname, '../../../scenarios/dydx-2025-10-halt.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

/** Resolves once `condition` holds, checking after each of the replay's own advances. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('live replay', () => {
  it('plays the scenario on running virtual time, shows the incident as it unfolds, and stops cleanly', async () => {
    const s = scenario();
    const replay = await LiveReplay.start(s, 10_000);
    try {
      expect(replay.speed).toBe(MAX_SPEED);
      const seen: string[] = [];
      replay.session.terminal.incidents.onChange((incident, change) => change === 'opened' && seen.push(incident.kind));
      await until(() => seen.includes('HEIGHT_STALL'), 'the halt to be noticed');
      // The halt begins 10 virtual minutes in: it cannot have been seen before that moment.
      expect(replay.now).toBeGreaterThanOrEqual(s.start + 10 * 60_000);
      expect(replay.session.terminal.view.status).toBe('halted');
      replay.setSpeed(0);
      expect(replay.speed).toBe(1);
    } finally {
      await replay.stop();
    }
  });
});
