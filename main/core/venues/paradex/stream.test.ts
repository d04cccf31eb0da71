import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import type { VenueEvent } from '../port';
import { ParadexAdapter } from './adapter';
import { SimDevAuthenticator } from '../../sim/dev-authenticator';
import { PARADEX_CHANNELS } from './config';
import { FixtureVenue } from './fixtures/fixture-venue';
import { account, closedOrder, liquidationFill, longPosition, marketSummary, revertedTransaction, tradeBust } from './fixtures/rest-payloads';
import { dataFrame } from './fixtures/ws-frames';

const START = 1_768_795_200_000;

let venue: FixtureVenue;
let clock: VirtualClock;
let adapter: ParadexAdapter;
let events: VenueEvent[];
let waiters: Array<{ match: (e: VenueEvent) => boolean; resolve: (e: VenueEvent) => void }>;

beforeEach(async () => {
  venue = await FixtureVenue.start();
  clock = new VirtualClock(START);
  events = [];
  waiters = [];
  adapter = new ParadexAdapter({
    restUrl: venue.restUrl,
    wsUrl: venue.wsUrl,
    rpcUrl: venue.rpcUrl,
    markets: ['BTC-USD-PERP'],
    clock,
    auth: new SimDevAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000 }),
    statusPollMs: null,
    chainPollMs: null,
    backoff: { initialMs: 500, factor: 2, maxMs: 4_000 },
  });
  adapter.subscribe((event) => {
    events.push(event);
    waiters = waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true));
  });
});
afterEach(async () => {
  await adapter.close();
  await venue.close();
});

/** The next event (from now on) that matches. */
function next<K extends VenueEvent['kind']>(kind: K, match: (e: Extract<VenueEvent, { kind: K }>) => boolean = () => true) {
  return new Promise<Extract<VenueEvent, { kind: K }>>((resolve) => {
    waiters.push({
      match: (e) => e.kind === kind && match(e as Extract<VenueEvent, { kind: K }>),
      resolve: (e) => resolve(e as Extract<VenueEvent, { kind: K }>),
    });
  });
}

async function connected(): Promise<void> {
  const up = next('connection', (e) => e.state === 'up');
  await adapter.connect();
  await up;
}

describe('Paradex WebSocket stream', () => {
  it('authenticates with the JWT, subscribes every channel, then reports the link up', async () => {
    await connected();
    const [socket] = venue.sockets;
    expect(socket.received[0]).toEqual({ jsonrpc: '2.0', method: 'auth', params: { bearer: 'fixture-jwt' }, id: expect.any(Number) });
    expect(socket.channels).toEqual([...PARADEX_CHANNELS]);
    expect(events).toEqual([expect.objectContaining({ kind: 'connection', state: 'up', attempt: 1, at: START })]);
  });

  it('turns each channel into domain events, keeping the frame verbatim', async () => {
    await connected();
    const frames = [
      dataFrame('markets_summary', marketSummary),
      dataFrame('orders.ALL', closedOrder),
      dataFrame('fills.ALL', liquidationFill),
      dataFrame('positions', longPosition),
      dataFrame('account', { ...account, status: 'LIQUIDATION' }),
      dataFrame('tradebusts', tradeBust),
      dataFrame('transaction', revertedTransaction),
      dataFrame('transaction', { ...revertedTransaction, state: 'ROLLED_BACK' }),
    ].map((frame) => JSON.stringify(frame));
    const last = next('malformed');
    for (const frame of frames) venue.broadcast(frame);
    await last;
    const data = events.filter((e) => e.kind !== 'connection');
    expect(data.map((e) => e.kind)).toEqual(['price', 'order', 'fill', 'position', 'account', 'trade_bust', 'transaction', 'malformed']);
    expect(data.map((e) => e.raw)).toEqual(frames);
    expect(data[0]).toMatchObject({ price: { market: 'BTC-USD-PERP', markPrice: '29799.70877478', indexPrice: '29876.3' }, venueAt: 1681493939981, at: START });
    expect(data[1]).toMatchObject({ order: { status: 'CLOSED', cancelReason: 'NOT_ENOUGH_MARGIN' }, venueAt: 1681493746100 });
    expect(data[2]).toMatchObject({ fill: { fillType: 'LIQUIDATION', price: '3310.2' } });
    expect(data[4]).toMatchObject({ account: { status: 'LIQUIDATION' } });
    expect(data[6]).toMatchObject({ transaction: { id: '8615262148007718463', type: 'TRANSACTION_FILL', state: 'REVERTED' }, venueAt: 1768795299000 });
    // A state the venue has not documented is kept raw and named, never guessed at.
    expect(data[7]).toMatchObject({ source: 'ws', problem: expect.stringContaining('transaction: state') });
  });

  it('keeps prices of configured markets only', async () => {
    await connected();
    const btc = next('price');
    venue.broadcast(dataFrame('markets_summary', { ...marketSummary, symbol: 'ETH-USD-PERP' }));
    venue.broadcast(dataFrame('markets_summary', marketSummary));
    expect((await btc).price.market).toBe('BTC-USD-PERP');
    expect(events.filter((e) => e.kind === 'price')).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"jsonrpc":"2.0","method":"subscr', 'not JSON'],
    ['an unknown order status', JSON.stringify(dataFrame('orders.ALL', { ...closedOrder, status: 'FILLED' })), 'order: status'],
    ['a fill without a price', JSON.stringify(dataFrame('fills.ALL', { ...liquidationFill, price: undefined })), 'fill: price'],
    ['an unknown account status', JSON.stringify(dataFrame('account', { ...account, status: 'RESYNC' })), 'account: status'],
    ['a channel never asked for', JSON.stringify(dataFrame('transfers', {})), 'unexpected channel transfers'],
    ['a message that is no data frame', JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat' }), 'unexpected message'],
  ])('%s → malformed event with the frame, and the stream goes on', async (_what, frame, problem) => {
    await connected();
    const malformed = next('malformed');
    venue.broadcast(frame);
    expect(await malformed).toMatchObject({ source: 'ws', raw: frame, problem: expect.stringContaining(problem) });
    const after = next('order');
    venue.broadcast(dataFrame('orders.ALL', closedOrder));
    expect((await after).order.clientId).toBe('x1234');
  });

  it('a JSON-RPC error frame is reported as a venue error', async () => {
    await connected();
    const error = next('venue_error');
    venue.broadcast({ jsonrpc: '2.0', error: { code: 100, message: 'method error' }, id: 99 });
    expect(await error).toMatchObject({ source: 'ws', reason: 'JSON-RPC error 100: method error' });
  });

  it('a dropped link → down, reconnects after the backoff on the clock, subscribes again', async () => {
    await connected();
    const down = next('connection', (e) => e.state === 'down');
    venue.dropSockets();
    expect(await down).toMatchObject({ state: 'down', attempt: 1, retryInMs: 500 });
    expect(venue.sockets).toHaveLength(1);
    const up = next('connection', (e) => e.state === 'up');
    clock.advanceTo(START + 499);
    expect(venue.sockets).toHaveLength(1);
    clock.advanceTo(START + 500);
    expect(await up).toMatchObject({ attempt: 2, at: START + 500 });
    expect(venue.sockets[1].channels).toEqual([...PARADEX_CHANNELS]);
    const order = next('order');
    venue.broadcast(dataFrame('orders.ALL', closedOrder));
    await order;
  });

  it('backs off exponentially while the venue refuses, and resets once up', async () => {
    await connected();
    venue.rejectWsAuth = true;
    const delays: number[] = [];
    let now = START;
    for (let i = 0; i < 5; i++) {
      const down = next('connection', (e) => e.state === 'down');
      if (i === 0) venue.dropSockets();
      else clock.advanceTo(now);
      const event = await down;
      delays.push(event.retryInMs ?? -1);
      now += event.retryInMs ?? 0;
      if (i > 0) expect(event.reason).toBe('auth rejected: 40111 Invalid Bearer Token');
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    venue.rejectWsAuth = false;
    const up = next('connection', (e) => e.state === 'up');
    clock.advanceTo(now);
    expect(await up).toMatchObject({ attempt: 6 });
    const down = next('connection', (e) => e.state === 'down');
    venue.dropSockets();
    expect(await down).toMatchObject({ attempt: 1, retryInMs: 500 });
  });

  it('a silent link is presumed dead after the idle timeout', async () => {
    await adapter.close();
    adapter = new ParadexAdapter({
      restUrl: venue.restUrl, wsUrl: venue.wsUrl, rpcUrl: null, markets: [], clock,
      auth: new SimDevAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000 }),
      statusPollMs: null, idleTimeoutMs: 60_000,
    });
    adapter.subscribe((event) => waiters = waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true)));
    await connected();
    const down = next('connection', (e) => e.state === 'down');
    clock.advanceTo(START + 30_000);
    clock.advanceTo(START + 60_000);
    expect(await down).toMatchObject({ reason: 'no frame or ping for 60000 ms' });
  });
  it('with the idle watch off, silence alone never drops the link', async () => {
    await adapter.close();
    adapter = new ParadexAdapter({
      restUrl: venue.restUrl, wsUrl: venue.wsUrl, rpcUrl: null, markets: [], clock,
      auth: new SimDevAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000 }),
      statusPollMs: null, idleTimeoutMs: null,
    });
    adapter.subscribe((event) => {
      events.push(event);
      waiters = waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true));
    });
    await connected();
    clock.advanceTo(START + 600_000);
    const order = next('order');
    venue.broadcast(dataFrame('orders.ALL', closedOrder));
    await order;
    expect(events.filter((e) => e.kind === 'connection').map((e) => e.kind === 'connection' && e.state)).toEqual(['up']);
  });
});

describe('Paradex pollers', () => {
  it('polls /system/state and the chain height on the clock; an outage is a venue error', async () => {
    await adapter.close();
    adapter = new ParadexAdapter({
      restUrl: venue.restUrl, wsUrl: venue.wsUrl, rpcUrl: venue.rpcUrl, markets: [], clock,
      auth: new SimDevAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000 }),
      statusPollMs: 2_000, chainPollMs: 1_000,
    });
    adapter.subscribe((event) => {
      events.push(event);
      waiters = waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true));
    });
    const status = next('status');
    const height = next('chain_height');
    await adapter.connect();
    expect(await status).toMatchObject({ status: 'ok', raw: '{"status":"ok"}', at: START });
    expect(await height).toMatchObject({ height: 1604710, at: START });

    venue.route('GET', '/v1/system/state', { status: 200, body: { status: 'MAINTENANCE' } });
    venue.route('POST', '/rpc/v0_8', { status: 200, body: { jsonrpc: '2.0', result: 1604711, id: 1 } });
    const maintenance = next('status');
    const higher = next('chain_height');
    clock.advanceTo(START + 2_000);
    expect(await maintenance).toMatchObject({ status: 'maintenance', at: START + 2_000 });
    expect(await higher).toMatchObject({ height: 1604711 });

    venue.route('GET', '/v1/system/state', { status: 503, body: '' });
    const outage = next('venue_error');
    clock.advanceTo(START + 4_000);
    expect(await outage).toMatchObject({ source: 'system_state', reason: 'HTTP 503' });

    venue.route('GET', '/v1/system/state', { status: 200, body: { status: 'halted' } });
    const odd = next('malformed');
    clock.advanceTo(START + 6_000);
    expect(await odd).toMatchObject({ source: 'system_state', raw: '{"status":"halted"}' });
  });
});
