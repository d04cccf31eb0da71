import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { DydxAdapter } from './adapter';
import { EventTap } from './fixtures/event-tap';
import { restUrl, startFixtureIndexer } from './fixtures/fixture-indexer';
import type { LoopbackVenue } from './fixtures/loopback-venue';
import { ADDRESS, deleveragedFill, liquidatedFill, openOrder, SUBACCOUNT } from './fixtures/payloads';
import { blockHeightUpdate, channelData, oracleUpdate, postOnlyUpdate, removal } from './fixtures/ws-frames';

const START = 1_772_652_060_000;
let venue: LoopbackVenue;
let clock: VirtualClock;
let adapter: DydxAdapter;
let tap: EventTap;

function makeAdapter(overrides: Partial<ConstructorParameters<typeof DydxAdapter>[0]> = {}): void {
  adapter = new DydxAdapter({
    restUrl: restUrl(venue), wsUrl: venue.wsUrl, address: ADDRESS, subaccountNumber: 0, markets: ['BTC-USD', 'ETH-USD'], clock,
    heightPollMs: null, statusPollMs: null, accountPollMs: null, backoff: { initialMs: 500, factor: 2, maxMs: 4_000 },
    ...overrides,
  });
  tap = new EventTap(adapter);
}

beforeEach(async () => {
  venue = await startFixtureIndexer();
  clock = new VirtualClock(START);
  makeAdapter();
});
afterEach(async () => {
  await adapter.close();
  await venue.close();
});

async function connected(): Promise<void> {
  const up = tap.next('connection', (e) => e.state === 'up');
  await adapter.connect();
  await up;
}

describe('dYdX indexer WebSocket', () => {
  it('subscribes markets, the subaccount and block height, then reports up and reads the snapshots', async () => {
    const height = tap.next('chain_height');
    await connected();
    await height;
    const [socket] = venue.sockets;
    expect(socket.received).toEqual([
      { type: 'subscribe', channel: 'v4_markets', batched: false },
      { type: 'subscribe', channel: 'v4_subaccounts', id: SUBACCOUNT, batched: false },
      { type: 'subscribe', channel: 'v4_block_height', batched: false },
    ]);
    expect(tap.of('connection')).toEqual([expect.objectContaining({ state: 'up', attempt: 1 })]);
    expect(tap.of('status')).toEqual([expect.objectContaining({ status: 'ok' })]);
    expect(tap.of('price').map((e) => e.price)).toEqual([
      { market: 'BTC-USD', markPrice: '64012.53', indexPrice: null, lastTradedPrice: null, externalFairPrice: null },
      { market: 'ETH-USD', markPrice: '1850.5', indexPrice: null, lastTradedPrice: null, externalFairPrice: null },
    ]);
    expect(tap.of('position')[0].position).toMatchObject({ market: 'ETH-USD', side: 'SHORT', size: '-2', averageEntryPrice: '1900' });
    expect(tap.of('order')[0].order).toMatchObject({
      venueOrderId: openOrder.id, clientId: '123', status: 'OPEN', instruction: 'POST_ONLY', size: '1.5', remainingSize: '1', cancelReason: null,
    });
    expect(tap.of('chain_height')[0]).toMatchObject({ height: 51234567, venueAt: Date.parse('2026-03-04T19:21:00.123Z') });
  });

  it('a market going post-only turns the venue mode, keeping the frame', async () => {
    await connected();
    const status = tap.next('status');
    venue.broadcast(postOnlyUpdate);
    expect(await status).toMatchObject({ status: 'post_only', raw: JSON.stringify(postOnlyUpdate) });
    const price = tap.next('price');
    venue.broadcast(oracleUpdate);
    expect((await price).price.markPrice).toBe('64100.1');
    const height = tap.next('chain_height');
    venue.broadcast(blockHeightUpdate);
    expect((await height).height).toBe(51234568);
  });

  it('a removal frame names the reason; the order is completed from the copy seen before', async () => {
    await connected();
    const order = tap.next('order');
    venue.broadcast(removal);
    expect((await order).order).toMatchObject({
      venueOrderId: openOrder.id, status: 'CLOSED', side: 'SELL', cancelReason: 'ORDER_REMOVAL_REASON_UNDERCOLLATERALIZED',
    });
  });

  it('a removal of an order never seen in full is completed from /v4/orders/{id}', async () => {
    await connected();
    const unknownId = '64fe30a2-0000-5000-8000-00000000beef';
    venue.route('GET', `/v4/orders/${unknownId}`, { status: 200, body: { ...openOrder, id: unknownId, clientId: '77' } });
    const frame = channelData('v4_subaccounts', SUBACCOUNT, { orders: [{ id: unknownId, status: 'CANCELED', removalReason: 'ORDER_REMOVAL_REASON_EXPIRED' }] });
    const order = tap.next('order', (e) => e.order.venueOrderId === unknownId);
    venue.broadcast(frame);
    expect(await order).toMatchObject({ raw: JSON.stringify(frame), order: { clientId: '77', status: 'CLOSED', cancelReason: 'ORDER_REMOVAL_REASON_EXPIRED' } });
  });

  it('if the order cannot be completed the frame becomes a venue error, not a silent drop', async () => {
    await connected();
    const frame = channelData('v4_subaccounts', SUBACCOUNT, { orders: [{ id: 'missing', status: 'CANCELED' }] });
    const error = tap.next('venue_error');
    venue.broadcast(frame);
    expect(await error).toMatchObject({ source: 'ws', raw: JSON.stringify(frame), reason: expect.stringContaining('order missing changed (CANCELED)') });
  });

  it('LIQUIDATED is a liquidation of this subaccount, DELEVERAGED its deleverage, OFFSETTING the healthy side; other types kept', async () => {
    await connected();
    const second = tap.next('fill', (e) => e.fill.fillId === deleveragedFill.id);
    const offsetting = { ...deleveragedFill, id: 'c5030bd3-0000-5046-8f2a-000000000009', type: 'OFFSETTING', side: 'BUY' };
    const unknown = { ...deleveragedFill, id: 'c5030bd3-0000-5046-8f2a-00000000000a', type: 'SETTLEMENT' };
    venue.broadcast(channelData('v4_subaccounts', SUBACCOUNT, { fills: [{ ...liquidatedFill, market: undefined, ticker: 'ETH-USD' }, offsetting, unknown, deleveragedFill] }));
    await second;
    expect(tap.of('fill').map((e) => [e.fill.fillType, e.fill.market, e.fill.liquidity])).toEqual([
      ['LIQUIDATION', 'ETH-USD', 'TAKER'],
      ['OFFSETTING', 'ETH-USD', 'TAKER'],
      ['SETTLEMENT', 'ETH-USD', 'TAKER'],
      ['DELEVERAGE', 'ETH-USD', 'TAKER'],
    ]);
  });

  it.each([
    ['not JSON', '{"type":"channel_da', 'not JSON'],
    ['an unknown market status', JSON.stringify(channelData('v4_markets', undefined, { trading: { 'BTC-USD': { status: 'HALTED' } } })), 'v4_markets'],
    ['a fill without a time', JSON.stringify(channelData('v4_subaccounts', SUBACCOUNT, { fills: [{ ...liquidatedFill, createdAt: undefined }] })), 'fill: createdAt'],
    ['an order without an id', JSON.stringify(channelData('v4_subaccounts', SUBACCOUNT, { orders: [{ ...openOrder, id: undefined }] })), 'order: id'],
    ['a fill without a size', JSON.stringify(channelData('v4_subaccounts', SUBACCOUNT, { fills: [{ ...liquidatedFill, size: undefined }] })), 'fill: size'],
    ['a channel never asked for', JSON.stringify(channelData('v4_trades', 'BTC-USD', { trades: [] })), 'unexpected channel v4_trades'],
    ['an unknown message type', JSON.stringify({ type: 'surprise' }), 'unexpected message type surprise'],
  ])('%s → malformed event with the frame, and the stream goes on', async (_what, frame, problem) => {
    await connected();
    const malformed = tap.next('malformed');
    venue.broadcast(frame);
    expect(await malformed).toMatchObject({ source: 'ws', raw: frame, problem: expect.stringContaining(problem) });
    const after = tap.next('chain_height');
    venue.broadcast(blockHeightUpdate);
    await after;
  });

  it('an indexer error frame is a venue error', async () => {
    await connected();
    const error = tap.next('venue_error');
    venue.broadcast({ type: 'error', message: 'Invalid subscribe message', connection_id: 'c', message_id: 9 });
    expect(await error).toMatchObject({ source: 'ws', reason: 'indexer error: Invalid subscribe message' });
  });

  it('a dropped link → down, reconnects after the backoff on the clock, subscribes again', async () => {
    await connected();
    const down = tap.next('connection', (e) => e.state === 'down');
    venue.dropSockets();
    expect(await down).toMatchObject({ attempt: 1, retryInMs: 500 });
    const up = tap.next('connection', (e) => e.state === 'up');
    clock.advanceTo(START + 499);
    expect(venue.sockets).toHaveLength(1);
    clock.advanceTo(START + 500);
    expect(await up).toMatchObject({ attempt: 2, at: START + 500 });
    expect(venue.sockets[1].received).toHaveLength(3);
  });

  it('backs off exponentially while subscriptions go unanswered', async () => {
    await adapter.close();
    await venue.close();
    venue = await (await import('./fixtures/loopback-venue')).LoopbackVenue.start({ wsPath: '/v4/ws', greet: () => [], answer: () => [] });
    makeAdapter({ requestTimeoutMs: 1_000 });
    const delays: number[] = [];
    let now = START;
    const first = tap.next('connection');
    const settled = adapter.connect();
    await venue.next('message');
    clock.advanceTo((now += 1_000));
    await settled;
    delays.push((await first).retryInMs ?? -1);
    for (let i = 0; i < 3; i++) {
      const down = tap.next('connection', (e) => e.state === 'down');
      clock.advanceTo((now += delays[delays.length - 1]));
      await venue.next('message');
      clock.advanceTo((now += 1_000));
      const event = await down;
      expect(event.reason).toBe('no subscription acknowledgement within 1000 ms');
      delays.push(event.retryInMs ?? -1);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
  });
});

describe('dYdX pollers', () => {
  it('polls height, market status and equity on the clock; a 403 says the venue refuses this region', async () => {
    await adapter.close();
    makeAdapter({ heightPollMs: 1_000, statusPollMs: 2_000, accountPollMs: 2_000 });
    const height = tap.next('chain_height', (e) => e.raw === JSON.stringify({ height: '51234567', time: '2026-03-04T19:21:00.123Z' }));
    const account = tap.next('account');
    await adapter.connect();
    await height;
    expect((await account).account).toMatchObject({
      account: `${ADDRESS}/0`, accountValue: '10000', initialMarginRequirement: '185', maintenanceMarginRequirement: '111.03', status: 'ACTIVE',
    });
    const { geoblocked } = await import('./fixtures/payloads');
    venue.route('GET', `/v4/addresses/${ADDRESS}/subaccountNumber/0`, { status: 403, body: geoblocked });
    venue.route('GET', '/v4/height', { status: 429, body: '' });
    const refused = tap.next('venue_error', (e) => e.source === 'rest');
    const limited = tap.next('venue_error', (e) => e.source === 'chain_height');
    clock.advanceTo(START + 2_000);
    expect(await refused).toMatchObject({ reason: expect.stringMatching(/^dYdX refuses this region or address \(HTTP 403 GEOBLOCKED\)/), raw: JSON.stringify(geoblocked) });
    expect((await limited).reason).toContain('rate limited by the indexer (HTTP 429)');
    venue.route('GET', '/v4/perpetualMarkets', { status: 502, body: 'Bad Gateway' });
    const outage = tap.next('venue_error', (e) => e.source === 'system_state');
    clock.advanceTo(START + 4_000);
    expect((await outage).reason).toBe('/perpetualMarkets: HTTP 502');
  });
});
