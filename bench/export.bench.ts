/**
 * Evidence bundle benchmarks on a 100k-event journal (10k with quick) whose claim's evidence
 * spans it from the first record to the last: exporting with every record in full (the worst
 * case) and with only the relevant ones in full (the default), and verifying the full bundle —
 * every record's hash recomputed — in events per second, best of two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentView } from '../shared/incidents';
import { buildClaim } from '../main/core/claims/build-claim';
import { exportBundle } from '../main/core/export/export-bundle';
import { loadBundle } from '../main/core/export/load-bundle';
import { verifyBundle } from '../main/core/export/verify-bundle';
import { Journal } from '../main/core/journal/journal';
import { fill, intent, MARKET, priceSample } from '../main/core/journal/test-support/events';
import { SteppingClock } from '../main/core/journal/test-support/stepping-clock';
import type { BenchSuite } from './suite';

const START = Date.UTC(2026, 0, 19, 4);
/** Ten events a second, as a busy live session records them. */
const STEP_MS = 100;

function buildJournal(path: string, count: number): Journal {
  const clock = new SteppingClock(START);
  const journal = Journal.open(path, { clock });
  for (let i = 0; i < count; i++) {
    clock.time = START + i * STEP_MS;
    if (i % 100 === 0) journal.append(intent(`c-${i}`), { durable: false });
    else if (i % 100 === 1) journal.append(fill(`c-${i - 1}`, `f-${i}`, 'BUY', '0.5'), { durable: false });
    else journal.append(priceSample(i), { durable: false });
  }
  journal.flush();
  return journal;
}

/** One liquidation whose evidence is the first, the middle and the last record. */
function incidentSpanning(count: number): IncidentView {
  const middle = Math.floor(count / 2);
  const at = START + middle * STEP_MS;
  const evidence = [1, middle, count];
  return {
    id: 'I1', kind: 'UNEXPECTED_LIQUIDATION', market: MARKET, openedAt: at, detectedAt: at, closedAt: at, clientIds: ['c-0'], evidence, reversedBy: null,
    findings: [{
      kind: 'UNEXPECTED_LIQUIDATION', market: MARKET, clientIds: ['c-0'], at, detectedAt: at, evidence, summary: 'bench liquidation',
      detail: { side: 'SELL', price: '64000.5', reference: '64100', size: '0.5', fee: '0.0125' },
    }],
  };
}

export const exportBench: BenchSuite = {
  name: 'export',
  async run({ quick }) {
    const dir = mkdtempSync(join(tmpdir(), 'bb-export-bench-'));
    const count = quick ? 10_000 : 100_000;
    const journal = buildJournal(join(dir, 'journal.db'), count);
    try {
      const incidents = [incidentSpanning(count)];
      const claim = buildClaim(incidents)!;
      const request = { journal, claim, incidents, context: { account: 'sim:local:test', venue: 'sim', account: {} }, generator: 'blackbox bench', dir };
      let start = performance.now();
      const full = await exportBundle({ ...request, name: 'full', full: 'all' });
      const fullMs = performance.now() - start;
      start = performance.now();
      const relevant = await exportBundle({ ...request, name: 'relevant' });
      const relevantMs = performance.now() - start;
      const files = loadBundle(full.folder).files;
      // Best of two: the first also warms the JIT.
      let perSecond = 0;
      for (let i = 0; i < 2; i++) {
        start = performance.now();
        const verdict = await verifyBundle(files);
        if (!verdict.verified) throw new Error(`bench bundle failed to verify: ${verdict.failures[0]?.reason}`);
        perSecond = Math.max(perSecond, verdict.records / ((performance.now() - start) / 1000));
      }
      return {
        'export.bundle_100k_events_ms': Math.round(fullMs),
        'export.bundle_100k_events_relevant_ms': Math.round(relevantMs),
        'export.bundle_relevant_full_records': relevant.fullRecords,
        'verify.bundle_events_per_s': Math.round(perSecond),
        'export.bench.events': count,
      };
    } finally {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
