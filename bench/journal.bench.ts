/**
 * Journal benchmarks: batched appends per second next to a floor (below); durable commit
 * latency next to a bare better-sqlite3 single-row insert with the same pragmas, measured
 * alternately in the same run; verify speed (best of two walks); and opening a large journal
 * (1M events; fewer with quick, see journal.bench.file_events) plus filtered page queries on it.
 */
import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Anchorer } from '../main/core/anchor/anchorer';
import { startTestTsa } from '../main/core/anchor/test-support/openssl-tsa';
import { systemClock } from '../main/core/clock';
import { Journal, MAX_PENDING, type JournalQuery } from '../main/core/journal/journal';
import { migrate } from '../main/core/journal/migrations/registry';
import { indexCatchUp } from '../main/core/journal/index-catch-up';
import type { NewEvent } from '../main/core/journal/payloads';
import { fill, intent, priceSample } from '../main/core/journal/test-support/events';
import { percentile } from './stats';
import type { BenchSuite } from './suite';

const ms = (start: number) => performance.now() - start;
const round = (n: number, places = 3) => Number(n.toFixed(places));

/** A second account records every tenth price sample, so the account filter has something to skip. */
export const OTHER_ACCOUNT = 'sim:local:other';

/** Mostly price samples (with their raw messages), an order and its fill now and then. */
function eventAt(i: number): NewEvent {
  if (i % 100 === 0) return intent(`c-${i}`);
  if (i % 100 === 1) return fill(`c-${i - 1}`, `f-${i}`, 'BUY', '0.5');
  return i % 10 === 5 ? { ...priceSample(i), account: OTHER_ACCOUNT } : priceSample(i);
}

const STORED = 'seq, at, venue_at, venue, kind, market, client_id, venue_order_id, payload, raw, account, chain_version';
type StoredRow = [number, number, number | null, string, string, string | null, string | null, string | null, string, string | null, string, number];

/**
 * The floor: what storing the same rows costs without the journal's code. A bare loop hashes each
 * row twice with SHA-256 (as chain v2 does: the record, then prev ‖ that) and writes what the
 * journal writes per event — its row and its entries in the text index and the filter keys — into a file of the journal's
 * own schema and pragmas, in transactions of the same size. The journal's checks, canonical
 * JSON, projections and bookkeeping are what the ratio measures.
 */
function openFloor(path: string): { store: (rows: StoredRow[]) => void; close: () => void } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  const insert = db.prepare(`INSERT INTO events (${STORED}, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const index = indexCatchUp(db);
  let prev = '0'.repeat(64);
  const store = db.transaction((rows: StoredRow[]) => {
    for (const r of rows) {
      const link = hash('sha256', prev + hash('sha256', JSON.stringify(r), 'hex'), 'hex');
      insert.run(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], prev, link);
      prev = link;
    }
    // Index entries after the rows, in one statement, as the journal writes a batch this size.
    index();
  });
  return { store: (rows) => store.immediate(rows), close: () => db.close() };
}

/**
 * Builds the large journal in batches of MAX_PENDING appends (each committed as one transaction)
 * and after each batch has the floor store the same rows, read back untimed; alternating keeps
 * a busy machine's noise out of the ratio. A batch's events are made before its clock starts, as
 * the floor's rows are: the rate is the journal's, not the test fixtures'.
 */
function buildJournal(dir: string, path: string, count: number) {
  const journal = Journal.open(path, { clock: systemClock });
  const source = new Database(path, { readonly: true });
  const readBack = source.prepare(`SELECT ${STORED} FROM events WHERE seq > ? AND seq <= ?`).raw();
  const floor = openFloor(join(dir, 'floor.db'));
  let oursMs = 0;
  let floorMs = 0;
  for (let start = 0; start < count; start += MAX_PENDING) {
    const end = Math.min(count, start + MAX_PENDING);
    const events: NewEvent[] = [];
    for (let i = start; i < end; i++) events.push(eventAt(i));
    let began = performance.now();
    for (const event of events) journal.append(event, { durable: false });
    journal.flush();
    oursMs += ms(began);
    const rows = readBack.all(start, end) as StoredRow[];
    began = performance.now();
    floor.store(rows);
    floorMs += ms(began);
  }
  source.close();
  floor.close();
  journal.close();
  return { ours: count / (oursMs / 1000), floor: count / (floorMs / 1000) };
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
  const filters: JournalQuery[] = [
    { kind: 'FILL' }, { market: 'BTC-USD-PERP', order: 'desc' }, { account: OTHER_ACCOUNT }, { clientId: 'c-500' }, { since },
    // A rare id, and a word in every raw message, newest first.
    { search: 'f-901' }, { search: 'MARKETS_SUMMARY', order: 'desc' },
  ];
  for (const q of filters) {
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
      const batched = buildJournal(dir, big, fileEvents);
      const large = await largeFile(big);
      const oursP50 = percentile(ours, 0.5);
      const bareP50 = percentile(raw, 0.5);
      return {
        'journal.append.batched_events_per_s': Math.round(batched.ours),
        'journal.append.floor_events_per_s': Math.round(batched.floor),
        'journal.append.floor_ratio': round(batched.ours / batched.floor, 2),
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
