/**
 * Adapter benchmarks: how many Paradex WebSocket frames per second the adapter turns into domain
 * events (a loopback server streams a mix of price, order, fill, position and account frames),
 * and the p99 time of one reference quote (median of three fresh sources, exact decimals).
 */
import { systemClock } from '../main/core/clock';
import { ReferencePrice } from '../main/core/reference/reference-price';
import { ParadexAdapter } from '../main/core/venues/paradex/adapter';
import { SimDevAuthenticator } from '../main/core/sim/dev-authenticator';
import { FixtureVenue } from '../main/core/venues/paradex/fixtures/fixture-venue';
import { account, closedOrder, longPosition, makerFill, marketSummary } from '../main/core/venues/paradex/fixtures/rest-payloads';
import { dataFrame } from '../main/core/venues/paradex/fixtures/ws-frames';
import type { BenchSuite } from './suite';
import { percentile } from './stats';

function frames(count: number): string[] {
  const kinds = [
    (i: number) => dataFrame('markets_summary', { ...marketSummary, mark_price: `95000.${i % 1000}`, created_at: 1768795200000 + i }),
    (i: number) => dataFrame('orders.ALL', { ...closedOrder, id: `o-${i}`, client_id: `c-${i}` }),
    (i: number) => dataFrame('fills.ALL', { ...makerFill, id: `f-${i}` }),
    (i: number) => dataFrame('positions', { ...longPosition, size: `0.${i % 1000}` }),
    (i: number) => dataFrame('account', { ...account, account_value: `20000.${i % 1000}` }),
  ];
  return Array.from({ length: count }, (_, i) => JSON.stringify(kinds[i % kinds.length](i)));
}

async function paradexMessagesPerSecond(count: number): Promise<number> {
  const venue = await FixtureVenue.start();
  const clock = systemClock;
  const adapter = new ParadexAdapter({
    restUrl: venue.restUrl, wsUrl: venue.wsUrl, rpcUrl: null, markets: ['BTC-USD-PERP'], clock,
    auth: new SimDevAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 5_000 }),
    statusPollMs: null,
  });
  try {
    let up: () => void = () => {};
    const connected = new Promise<void>((resolve) => (up = resolve));
    let seen = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    adapter.subscribe((event) => {
      if (event.kind === 'connection') {
        if (event.state === 'up') up();
        return;
      }
      if (event.kind === 'malformed') throw new Error(`bench frame unreadable: ${event.problem}`);
      if (++seen === count) done();
    });
    await adapter.connect();
    await connected;
    const batch = frames(count);
    const started = performance.now();
    for (const frame of batch) venue.broadcast(frame);
    await finished;
    return Math.round(count / ((performance.now() - started) / 1000));
  } finally {
    await adapter.close();
    await venue.close();
  }
}

function referenceMedianMicros(iterations: number): { p50: number; p99: number } {
  let now = 1_768_795_200_000;
  const reference = new ReferencePrice({ clock: { now: () => now, setTimer: () => () => {} }, sources: ['coinbase', 'kraken', 'binance'] });
  const timings: number[] = [];
  for (let i = 0; i < iterations; i++) {
    now += 1;
    for (const [j, source] of ['coinbase', 'kraken', 'binance'].entries()) {
      reference.add({ source, market: 'BTC-USD-PERP', price: `9500${j}.${i % 997}`, receivedAt: now - j, raw: '' });
    }
    const started = process.hrtime.bigint();
    const quote = reference.quote('BTC-USD-PERP');
    timings.push(Number(process.hrtime.bigint() - started) / 1000);
    if (quote.price === null) throw new Error('bench reference lost its quorum');
  }
  return { p50: percentile(timings, 0.5), p99: percentile(timings, 0.99) };
}

export const adapterBench: BenchSuite = {
  name: 'adapter',
  async run({ quick }) {
    const messages = await paradexMessagesPerSecond(quick ? 10_000 : 100_000);
    const median = referenceMedianMicros(quick ? 5_000 : 50_000);
    return {
      'adapter.paradex.messages_per_s': messages,
      'reference.median_p50_us': Math.round(median.p50 * 100) / 100,
      'reference.median_p99_us': Math.round(median.p99 * 100) / 100,
    };
  },
};
