/** The rollback incident, 8.5 virtual hours, through the whole core over loopback. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReplay } from '../main/core/replay/run-replay';
import { parseScenario } from '../main/core/scenario/parse';
import type { BenchSuite } from './suite';

export const replayBench: BenchSuite = {
  name: 'replay',
  async run() {
    const parsed = parseScenario(readFileSync(join(import.meta.dirname, '..', 'scenarios', 'paradex-2026-01-rollback.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const started = performance.now();
    const report = await runReplay(parsed.value);
    return {
      'replay.paradex_rollback_ms': Math.round(performance.now() - started),
      'replay.paradex_rollback_events': report.journal.events,
      'replay.paradex_rollback_virtual_s': (parsed.value.until - parsed.value.start) / 1000,
    };
  },
};
