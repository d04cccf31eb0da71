/**
 * Venue adapter throughput while recording: a loopback venue streams a mix of price, order, fill
 * and height frames to the dYdX and Hyperliquid adapters, and every event goes through the
 * VenueRecorder into a real journal on disk. Frames are sent in batches and the next batch waits
 * for the previous one to be read, so the figure is what adapter + journal sustain, not what the
 * socket buffers. `venues` runs ~3 s (quick) or ~20 s; `soak` streams for 10 minutes and reports
 * the peak resident memory and the live heap (after a full collection) at half time and at the
 * end of each adapter's run: a ratio near 1 shows nothing grows without bound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { systemClock } from '../main/core/clock';
import { Journal } from '../main/core/journal/journal';
import { journalPorts } from '../main/core/terminal/journal-ports';
import { VenueRecorder } from '../main/core/terminal/venue-recorder';
import { DydxAdapter } from '../main/core/venues/dydx/adapter';
import { restUrl, startFixtureIndexer } from '../main/core/venues/dydx/fixtures/fixture-indexer';
import type { LoopbackVenue } from '../main/core/venues/dydx/fixtures/loopback-venue';
import { ADDRESS, makerFill, openOrder, SUBACCOUNT } from '../main/core/venues/dydx/fixtures/payloads';
import { channelData } from '../main/core/venues/dydx/fixtures/ws-frames';
import { HyperliquidAdapter } from '../main/core/venues/hyperliquid/adapter';
import { startFixtureApi } from '../main/core/venues/hyperliquid/fixtures/fixture-api';
import { makerFill as hlFill, metaAndAssetCtxs, USER } from '../main/core/venues/hyperliquid/fixtures/payloads';
import type { VenueAdapter } from '../main/core/venues/port';
import type { BenchSuite } from './suite';

const BATCH = 500;

/** One frame → exactly one event, so events read count frames read. */
function dydxFrame(i: number): string {
  const kinds = [
    () => channelData('v4_markets', undefined, { oraclePrices: { 'BTC-USD': { oraclePrice: `64000.${i % 1000}`, effectiveAt: null } } }, i),
    () => channelData('v4_subaccounts', SUBACCOUNT, { orders: [{ ...openOrder, id: `order-${i}`, clientId: String(i) }] }, i),
    () => channelData('v4_subaccounts', SUBACCOUNT, { fills: [{ ...makerFill, id: `fill-${i}` }] }, i),
    () => channelData('v4_block_height', undefined, { blockHeight: String(51_000_000 + i), time: '2026-03-04T19:21:01.000Z' }, i),
  ];
  return JSON.stringify(kinds[i % kinds.length]());
}

const ethCtx = (metaAndAssetCtxs[1] as Array<Record<string, unknown>>)[1];

function hyperliquidFrame(i: number): string {
  const kinds = [
    () => ({ channel: 'activeAssetCtx', data: { coin: 'ETH', ctx: { ...ethCtx, markPx: `2412.${i % 1000}` } } }),
    () => ({ channel: 'orderUpdates', data: [{ order: { coin: 'ETH', side: 'A', limitPx: '2412.7', sz: '0.1', oid: i, timestamp: 1724361546645 + i, origSz: '0.1', cloid: `0x${i.toString(16).padStart(32, '0')}` }, status: 'open', statusTimestamp: 1724361546645 + i }] }),
    () => ({ channel: 'userFills', data: { user: USER, fills: [{ ...hlFill, tid: i }] } }),
  ];
  return JSON.stringify(kinds[i % kinds.length]());
}

interface Run {
  messagesPerSecond: number;
  peakRssMb: number;
  heapMidMb: number;
  heapEndMb: number;
}

setFlagsFromString('--expose-gc');
/** A full collection, so the heap measured is what is still referenced, not garbage not yet swept. */
const collect = runInNewContext('gc') as () => void;
const liveHeapMb = (): number => {
  collect();
  return Number((process.memoryUsage().heapUsed / 2 ** 20).toFixed(1));
};

async function stream(venue: LoopbackVenue, adapter: VenueAdapter, frame: (i: number) => string, durationMs: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'blackbox-venues-bench-'));
  const journal = Journal.open(join(dir, 'journal.db'), { clock: systemClock });
  const recorder = new VenueRecorder(journalPorts(journal, 'sim:local:bench'), adapter.venue);
  let read = 0;
  let wanted = 0;
  let release: () => void = () => {};
  let up: () => void = () => {};
  const connected = new Promise<void>((resolve) => (up = resolve));
  adapter.subscribe((event) => {
    if (event.kind === 'connection') {
      if (event.state === 'up') up();
      return;
    }
    if (event.kind === 'malformed' || event.kind === 'venue_error') throw new Error(`bench frame not read: ${JSON.stringify(event)}`);
    recorder.record(event);
    if (++read >= wanted) release();
  });
  let peakRss = process.memoryUsage().rss;
  try {
    await adapter.connect();
    await connected;
    read = 0;
    const started = performance.now();
    let sent = 0;
    let heapMidMb: number | null = null;
    while (performance.now() - started < durationMs) {
      if (heapMidMb === null && performance.now() - started >= durationMs / 2) heapMidMb = liveHeapMb();
      wanted = sent + BATCH;
      const batchRead = new Promise<void>((resolve) => (release = resolve));
      for (let i = 0; i < BATCH; i++) venue.broadcast(frame(sent++));
      await batchRead;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const heapEndMb = liveHeapMb();
    return { messagesPerSecond: Math.round(read / seconds), peakRssMb: Math.round(peakRss / 2 ** 20), heapMidMb: heapMidMb ?? heapEndMb, heapEndMb };
  } finally {
    await adapter.close();
    journal.flush();
    journal.close();
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dydx(durationMs: number): Promise<Run> {
  const venue = await startFixtureIndexer();
  const adapter = new DydxAdapter({
    restUrl: restUrl(venue), wsUrl: venue.wsUrl, address: ADDRESS, subaccountNumber: 0, markets: ['BTC-USD'], clock: systemClock,
    heightPollMs: null, statusPollMs: null, accountPollMs: null,
  });
  return stream(venue, adapter, dydxFrame, durationMs);
}

async function hyperliquid(durationMs: number): Promise<Run> {
  const { venue } = await startFixtureApi();
  const adapter = new HyperliquidAdapter({
    apiUrl: venue.origin, wsUrl: venue.wsUrl, user: USER, markets: ['ETH'], clock: systemClock, statusPollMs: null, accountPollMs: null,
  });
  return stream(venue, adapter, hyperliquidFrame, durationMs);
}

async function measure(totalMs: number, prefix: string): Promise<Record<string, number>> {
  const d = await dydx(totalMs / 2);
  const h = await hyperliquid(totalMs / 2);
  return {
    [`${prefix}.dydx.messages_per_s`]: d.messagesPerSecond,
    [`${prefix}.hyperliquid.messages_per_s`]: h.messagesPerSecond,
    [`${prefix}.peak_rss_mb`]: Math.max(d.peakRssMb, h.peakRssMb),
    ...Object.fromEntries(
      ([['dydx', d], ['hyperliquid', h]] as const).flatMap(([name, run]) => [
        [`${prefix}.${name}.heap_mid_mb`, run.heapMidMb],
        [`${prefix}.${name}.heap_end_mb`, run.heapEndMb],
        [`${prefix}.${name}.heap_growth_ratio`, Number((run.heapEndMb / run.heapMidMb).toFixed(3))],
      ]),
    ),
  };
}

export const venuesBench: BenchSuite = {
  name: 'venues',
  run: ({ quick }) => measure(quick ? 3_000 : 20_000, 'adapter'),
};

export const soakBench: BenchSuite = {
  name: 'soak',
  run: () => measure(10 * 60_000, 'soak'),
};
