/**
 * Evidence bundle benchmarks on a 100k-event journal (10k with quick) whose claim's evidence
 * spans it from the first record to the last: exporting with every record in full (the worst
 * case) and with only the relevant ones in full (the default), and verifying the full bundle in
 * events per second, best of two — every record's hash recomputed, the claim recomputed from its
 * FILL and reference price records and compared with the journalled CLAIM_CREATED, the derived
 * files made again, and the RFC 3161 token (from openssl ts on loopback) checked to its root.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentView } from '../shared/incidents';
import { Anchorer } from '../main/core/anchor/anchorer';
import { startTestTsa } from '../main/core/anchor/test-support/openssl-tsa';
import { parsePemCertificates } from '../main/core/anchor/token';
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
const ACCOUNT = 'sim:local:test';
const REFERENCE = '64100';
const SOURCES = ['binance', 'coinbase', 'kraken'];

/** Order c-0 is liquidated at seq 5, just after three independent sources said 64100. */
function buildJournal(path: string, clock: SteppingClock, count: number): Journal {
  const journal = Journal.open(path, { clock });
  for (let i = 0; i < count; i++) {
    clock.time = START + i * STEP_MS;
    if (i === 0) journal.append(intent('c-0', { side: 'SELL' }), { durable: false });
    else if (i <= SOURCES.length) {
      const source = SOURCES[i - 1];
      journal.append({ kind: 'PRICE_SAMPLE', account: 'reference', venue: 'reference', market: MARKET, payload: { source, price: REFERENCE, receivedAt: clock.time } }, { durable: false });
    } else if (i === 4) journal.append(fill('c-0', 'f-0', 'SELL', '0.5'), { durable: false });
    else if (i % 100 === 0) journal.append(intent(`c-${i}`), { durable: false });
    else if (i % 100 === 1) journal.append(fill(`c-${i - 1}`, `f-${i}`, 'BUY', '0.5'), { durable: false });
    else journal.append(priceSample(i), { durable: false });
  }
  journal.flush();
  return journal;
}

/** One liquidation whose evidence is its fill and the first, the middle and the last record. */
function incidentSpanning(count: number): IncidentView {
  const at = START + 4 * STEP_MS;
  const evidence = [1, 2, 3, 4, 5, Math.floor(count / 2), count];
  return {
    id: 'I1', kind: 'UNEXPECTED_LIQUIDATION', market: MARKET, openedAt: at, detectedAt: at, closedAt: at, clientIds: ['c-0'], evidence, reversedBy: null,
    findings: [{
      kind: 'UNEXPECTED_LIQUIDATION', market: MARKET, clientIds: ['c-0'], at, detectedAt: at, evidence, summary: 'bench liquidation',
      detail: { side: 'SELL', price: '64000.5', reference: REFERENCE, size: '0.5', fee: '0.0125' },
    }],
  };
}

export const exportBench: BenchSuite = {
  name: 'export',
  async run({ quick }) {
    const dir = mkdtempSync(join(tmpdir(), 'bb-export-bench-'));
    const count = quick ? 10_000 : 100_000;
    const clock = new SteppingClock(START);
    const journal = buildJournal(join(dir, 'journal.db'), clock, count);
    const tsa = await startTestTsa();
    try {
      const incidents = [incidentSpanning(count)];
      const claim = buildClaim(incidents)!;
      clock.time += STEP_MS;
      journal.append({ kind: 'CLAIM_CREATED', account: ACCOUNT, venue: 'sim', payload: { claim: { id: 'C1', ...claim } } }, { durable: true });
      const anchorer = new Anchorer({ journal, account: ACCOUNT, clock, tsaUrls: [tsa.url] });
      anchorer.anchorNow();
      await anchorer.settled();
      if (anchorer.status().state !== 'anchored') throw new Error(`bench journal was not anchored: ${anchorer.status().lastError}`);
      const request = { journal, claim, claimId: 'C1', incidents, context: { venue: 'sim', account: {} }, generator: 'blackbox bench', dir };
      let start = performance.now();
      const full = await exportBundle({ ...request, name: 'full', full: 'all' });
      const fullMs = performance.now() - start;
      start = performance.now();
      const relevant = await exportBundle({ ...request, name: 'relevant' });
      const relevantMs = performance.now() - start;
      const files = loadBundle(full.folder).files;
      const roots = parsePemCertificates(readFileSync(tsa.rootPem, 'utf8'));
      // Best of two: the first also warms the JIT.
      let perSecond = 0;
      for (let i = 0; i < 2; i++) {
        start = performance.now();
        const verdict = await verifyBundle(files, { roots });
        if (!verdict.verified) throw new Error(`bench bundle failed to verify: ${verdict.failures[0]?.reason}`);
        if (!verdict.anchors.every((a) => a.verified && a.trusted) || verdict.anchors.length !== 1) throw new Error('bench bundle: its anchor did not verify');
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
      await tsa.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
