/**
 * Journal benchmarks: batched appends per second; durable commit latency next to a bare
 * better-sqlite3 single-row insert with the same pragmas, measured alternately in the same run;
 * verify speed (best of two walks); and opening a large journal (1M events; fewer with quick,
 * see journal.bench.file_events) plus filtered page queries on it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Anchorer } from '../main/core/anchor/anchorer';
import { startTestTsa } from '../main/core/anchor/test-support/openssl-tsa';
import { systemClock } from '../main/core/clock';
import { Journal } from '../main/core/journal/journal';
import { fill, intent, priceSample } from '../main/core/journal/test-support/events';
import { percentile } from './stats';
import type { BenchSuite } from './suite';

const ms = (start: number) => performance.now() - start;
const round = (n: number, places = 3) => Number(n.toFixed(places));

/** Mostly price samples (with their raw messages), an order and its fill now and then. */
function buildJournal(path: string, count: number): number {
  const journal = Journal.open(path, { clock: systemClock });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (i % 100 === 0) journal.append(intent(`c-${i}`), { durable: false });
    else if (i % 100 === 1) journal.append(fill(`c-${i - 1}`, `f-${i}`, 'BUY', '0.5'), { durable: false });
    else journal.append(priceSample(i), { durable: false });
  }
  journal.flush();
  const perSecond = count / (ms(started) / 1000);
  journal.close();
  return perSecond;
}

/** Our durable ORDER_INTENT append vs a bare autocommit insert of a row of the same size, alternating. */
function durableCommits(dir: string, count: number) {
  const journal = Journal.open(join(dir, 'durable.db'), { clock: systemClock });
  const bare = new Database(join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, venue_at INTEGER, venue TEXT NOT NULL,
    kind TEXT NOT NULL, market TEXT, client_id TEXT, venue_order_id TEXT, payload TEXT NOT NULL, raw TEXT,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT`);
  const insert = bare.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const ours: number[] = [];
  const raw: number[] = [];
  // The first rounds warm up the JIT and both files and are not counted.
  const warmUp = 100;
  for (let i = 1; i <= warmUp + count; i++) {
    let start = performance.now();
    const stored = journal.append(intent(`c-${i}`), { durable: true });
    const oursMs = ms(start);
    const payload = JSON.stringify(stored.payload);
    start = performance.now();
    insert.run(i, stored.at, null, 'sim', 'ORDER_INTENT', stored.market, stored.clientId, null, payload, null, stored.prevHash, stored.hash);
    const bareMs = ms(start);
    if (i > warmUp) {
      ours.push(oursMs);
      raw.push(bareMs);
    }
  }
  journal.close();
  bare.close();
  return { ours, raw };
}

/**
 * What RFC 3161 anchoring adds to a durable commit: two journals committed alternately in the
 * same run, the event loop let through after each commit, one of them with an Anchorer
 * time-stamping its head every 20 commits (far more often than incidents and claims ask)
 * against openssl ts on loopback.
 */
async function anchoringCost(dir: string, count: number) {
  const tsa = await startTestTsa();
  const plain = Journal.open(join(dir, 'plain.db'), { clock: systemClock });
  const anchored = Journal.open(join(dir, 'anchored.db'), { clock: systemClock });
  const anchorer = new Anchorer({ journal: anchored, account: 'sim:local:test', clock: systemClock, tsaUrls: [tsa.url] });
  const times = { plain: [] as number[], anchored: [] as number[] };
  const warmUp = 50;
  try {
    for (let i = 1; i <= warmUp + count; i++) {
      if (i % 20 === 0) anchorer.anchorNow();
      for (const [journal, list] of [[plain, times.plain], [anchored, times.anchored]] as const) {
        const start = performance.now();
        journal.append(intent(`c-${i}`), { durable: true });
        if (i > warmUp) list.push(ms(start));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await anchorer.settled();
    if (anchored.query({ kind: 'ANCHOR' }).events.length === 0) throw new Error(`bench: the anchorer journalled no token (${anchorer.status().lastError})`);
    return { plainP50: percentile(times.plain, 0.5), anchoredP50: percentile(times.anchored, 0.5) };
  } finally {
    anchorer.stop();
    plain.close();
    anchored.close();
    await tsa.close();
  }
}

async function largeFile(path: string) {
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const journal = Journal.open(path, { clock: systemClock });
    journal.head();
    opens.push(ms(start));
    if (journal.health().state !== 'ok') throw new Error(`bench journal did not open cleanly: ${journal.health().message}`);
    journal.close();
  }
  const review = Journal.openReadOnly(path);
  const since = (review.query({ order: 'desc', limit: 1 }).events[0]?.at ?? 0) - 1000;
  const queries: number[] = [];
  for (const q of [{ kind: 'FILL' as const }, { market: 'BTC-USD-PERP', order: 'desc' as const }, { clientId: 'c-500' }, { since }, { search: 'f-901' }]) {
    const start = performance.now();
    review.query({ ...q, limit: 100 });
    queries.push(ms(start));
  }
  // Best of two walks: the first also pays for warming the JIT and the page cache.
  let verifyPerSecond = 0;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    const report = await review.verify();
    if (!report.verified) throw new Error('bench journal failed to verify');
    verifyPerSecond = Math.max(verifyPerSecond, report.events / (ms(start) / 1000));
  }
  review.close();
  return { openMs: percentile(opens, 0.5), queryMs: percentile(queries, 0.5), queryWorstMs: Math.max(...queries), verifyPerSecond };
}

export const journalBench: BenchSuite = {
  name: 'journal',
  async run({ quick }) {
    const dir = mkdtempSync(join(tmpdir(), 'bb-journal-bench-'));
    try {
      // Commit latency first, before the large file's write-back competes for the same disk.
      const { ours, raw } = durableCommits(dir, 1000);
      const anchoring = await anchoringCost(dir, quick ? 200 : 500);
      const fileEvents = quick ? 50_000 : 1_000_000;
      const big = join(dir, 'large.db');
      const batched = buildJournal(big, fileEvents);
      const large = await largeFile(big);
      const oursP50 = percentile(ours, 0.5);
      const bareP50 = percentile(raw, 0.5);
      return {
        'journal.append.batched_events_per_s': Math.round(batched),
        'journal.commit.durable_p50_ms': round(oursP50),
        'journal.commit.durable_p99_ms': round(percentile(ours, 0.99)),
        'journal.commit.bare_p50_ms': round(bareP50),
        'journal.commit.bare_p99_ms': round(percentile(raw, 0.99)),
        'journal.commit.overhead_ratio': round(oursP50 / bareP50, 2),
        'journal.commit.durable_beside_anchoring_p50_ms': round(anchoring.anchoredP50),
        'journal.commit.anchoring_added_p50_ms': round(anchoring.anchoredP50 - anchoring.plainP50),
        'journal.verify_events_per_s': Math.round(large.verifyPerSecond),
        'journal.open_1m_events_ms': round(large.openMs, 1),
        'journal.query.page_p50_ms': round(large.queryMs),
        'journal.query.page_worst_ms': round(large.queryWorstMs),
        'journal.bench.file_events': fileEvents,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
