/**
 * Every failure the fuzzer found, kept as a scenario in scenarios/fuzz-*.json and replayed here:
 * the oracle must hold, and each file's own expectation (what a correct core concludes) too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { observeReplay, type Observation } from './observe';
import { checkObservation } from './oracle';

const DIR = join(import.meta.dirname, '../../../scenarios');

const states = (obs: Observation) => Object.fromEntries(obs.report.orders.map((o) => [o.clientId, o.state]));
const findingKinds = (obs: Observation) => obs.findings.map((f) => f.kind);

const EXPECTED: Record<string, (obs: Observation) => void> = {
  'fuzz-cancel-all-crashes.json': (obs) => {
    expect(states(obs)).toEqual({ U1: 'CANCELLED_BY_USER' });
  },
  'fuzz-disconnect-fill-not-caught-up.json': (obs) => {
    expect(states(obs)).toEqual({ U1: 'FILLED', U2: 'FILLED' });
    expect(findingKinds(obs)).not.toContain('POSITION_DRIFT');
  },
  'fuzz-rollback-undoes-bust.json': (obs) => {
    expect(states(obs)).toEqual({ U1: 'FILLED' });
    expect(findingKinds(obs)).not.toContain('POSITION_DRIFT');
  },
  'fuzz-taker-bust-not-reversed.json': (obs) => {
    expect(obs.findings.filter((f) => f.kind === 'FILL_REVERSED').map((f) => f.clientIds)).toEqual([['U2']]);
    expect(obs.report.orders.find((o) => o.clientId === 'U2')?.reason ?? '').not.toMatch(/without a fill or a reason/);
  },
  'fuzz-outage-accepted-order-unresolved.json': (obs) => {
    expect(states(obs)).toEqual({ U1: 'FILLED' });
    expect(findingKinds(obs)).toContain('API_AMBIGUITY');
  },
  'fuzz-outage-fill-keeps-error-reason.json': (obs) => {
    expect(obs.report.orders).toEqual([{ clientId: 'U1', state: 'FILLED' }]);
    expect(findingKinds(obs)).toContain('API_AMBIGUITY');
  },
  'fuzz-rollback-uncancel-then-fill.json': (obs) => {
    expect(obs.report.orders).toEqual([{ clientId: 'U1', state: 'FILLED' }]);
  },
  'fuzz-restart-false-reversal.json': (obs) => {
    expect(states(obs)).toEqual({ A1: 'FILLED', A2: 'FILLED', B1: 'FILLED' });
    expect(findingKinds(obs)).not.toContain('FILL_REVERSED');
    expect(obs.report.incidents.map((i) => i.kind)).not.toContain('ROLLBACK');
  },
};

describe('scenarios the fuzzer found', () => {
  it('each fuzz-*.json scenario has its expectation here', () => {
    expect(readdirSync(DIR).filter((f) => f.startsWith('fuzz-')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s: the journal tells the venue\'s story', async (file) => {
    const parsed = parseScenario(readFileSync(join(DIR, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const obs = await observeReplay(parsed.value);
    expect(checkObservation(obs)).toEqual([]);
    EXPECTED[file](obs);
  }, 60_000);
});
