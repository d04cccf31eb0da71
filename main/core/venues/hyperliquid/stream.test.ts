import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { EventTap } from '../dydx/fixtures/event-tap';
import type { LoopbackVenue } from '../dydx/fixtures/loopback-venue';
import { HyperliquidAdapter } from './adapter';
import type { HyperliquidConfig } from './config';
import { defaultInfoReplies, startFixtureApi, type InfoReplies } from './fixtures/fixture-api';
import { adlFill, clearinghouseState, historical, postOnlyAfterUpgrade, restingOrder, USER } from './fixtures/payloads';
import { clearinghouseOldSchema } from './fixtures/recorded';
import { ethCtx, fundingEvent, liquidation, marginCanceled, nonUserCancel, userFills } from './fixtures/ws-frames';

const START = 1_724_361_546_000;
let venue: LoopbackVenue;
let replies: InfoReplies;
let clock: VirtualClock;
let adapter: HyperliquidAdapter;
let tap: EventTap;

function makeAdapter(overrides: Partial<HyperliquidConfig> = {}): void {
  adapter = new HyperliquidAdapter({
    apiUrl: venue.origin, wsUrl: venue.wsUrl, user: USER, markets: ['ETH'], clock,
    statusPollMs: null, accountPollMs: null, backoff: { initialMs: 500, factor: 2, maxMs: 4_000 }, ...overrides,
  });
  tap = new EventTap(adapter);
}

beforeEach(async () => {
  ({ venue, replies } = await startFixtureApi(defaultInfoReplies()));
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

describe('Hyperliquid WebSocket', () => {
  it('subscribes the user channels and each market, and is up once all are acknowledged', async () => {
    await connected();
    expect(venue.sockets[0].received).toEqual([
      { method: 'subscribe', subscription: { type: 'userEvents', user: USER } },
      { method: 'subscribe', subscription: { type: 'orderUpdates', user: USER } },
      { method: 'subscribe', subscription: { type: 'userFills', user: USER } },
      { method: 'subscribe', subscription: { type: 'activeAssetCtx', coin: 'ETH' } },
    ]);
    expect(tap.events).toEqual([expect.objectContaining({ kind: 'connection', state: 'up', attempt: 1 })]);
  });

  it('reads prices, fills (liquidation and ADL told apart) and venue-initiated cancels', async () => {
    await connected();
    const price = tap.next('price');
    venue.broadcast(ethCtx);
    expect((await price).price).toEqual({ market: 'ETH', markPrice: '2412.7', indexPrice: '2412.5', lastTradedPrice: null, externalFairPrice: null });
    const third = tap.next('fill', (e) => e.fill.fillId === String(adlFill.tid));
    venue.broadcast(userFills);
    await third;
    expect(tap.of('fill').map((e) => [e.fill.fillType, e.fill.liquidity, e.fill.side])).toEqual([
      ['FILL', 'MAKER', 'SELL'], ['LIQUIDATION', 'TAKER', 'BUY'], ['DELEVERAGE', 'TAKER', 'BUY'],
    ]);
    const update = tap.next('order');
    venue.broadcast(marginCanceled);
    expect((await update)).toMatchObject({ raw: JSON.stringify(marginCanceled), order: { venueOrderId: '1', status: 'CLOSED', cancelReason: 'marginCanceled', remainingSize: '0.0', size: '0.0076' } });
  });

  it('a funding user event is a funding payment, signed as the venue wrote it, with a stable derived id', async () => {
    await connected();
    const first = tap.next('funding');
    venue.broadcast(fundingEvent);
    const event = await first;
    expect(event).toMatchObject({ venueAt: 1724364000000, raw: JSON.stringify(fundingEvent), funding: { market: 'ETH', amount: '0.062172', rate: '0.0000125', positionSize: '-2.0724', idDerived: 'hash(time,coin,usdc,szi)' } });
    const again = tap.next('funding');
    venue.broadcast(fundingEvent);
    expect((await again).funding.id).toBe(event.funding.id);
  });

  it('fills without tid: drift reported once over the socket, each fill read with a derived id', async () => {
    await connected();
    const { tid: _tid, ...noTid } = adlFill;
    const frame = { ...userFills, data: { ...userFills.data, fills: [noTid, { ...noTid, sz: '1.0' }] } };
    const second = tap.next('fill', (e) => e.fill.size === '1.0');
    venue.broadcast(frame);
    await second;
    expect(tap.of('fill').map((e) => e.fill.fillIdDerived)).toEqual(['hash(hash,oid,time,px,sz)', 'hash(hash,oid,time,px,sz)']);
    expect(tap.of('schema_drift')).toEqual([expect.objectContaining({ source: 'ws', message: 'hyperliquid fill', field: 'tid', change: 'missing' })]);
    expect(tap.of('malformed')).toEqual([]);
  });

  it('nonUserCancel of an order seen before closes it with the venue as the cause', async () => {
    await adapter.openOrders();
    await connected();
    const order = tap.next('order');
    venue.broadcast(nonUserCancel);
    expect((await order).order).toMatchObject({ venueOrderId: '1', status: 'CLOSED', cancelReason: 'nonUserCancel', instruction: 'POST_ONLY', type: 'LIMIT' });
  });

  it('nonUserCancel of an unknown order is looked up; unknown to the venue too → venue error with the frame', async () => {
    await connected();
    const error = tap.next('venue_error');
    venue.broadcast(nonUserCancel);
    expect(await error).toMatchObject({ raw: JSON.stringify(nonUserCancel), reason: 'the venue cancelled order 1 but its details could not be read: the venue does not know it' });
    replies.orderStatus = { status: 200, body: { status: 'order', order: historical(restingOrder, 'reduceOnlyCanceled') } };
    const order = tap.next('order');
    venue.broadcast(nonUserCancel);
    expect((await order).order).toMatchObject({ status: 'CLOSED', cancelReason: 'reduceOnlyCanceled', clientId: restingOrder.cloid });
  });

  it('a liquidation user event marks the account in liquidation, keeping the frame', async () => {
    await connected();
    const account = tap.next('account');
    venue.broadcast(liquidation);
    expect(await account).toMatchObject({ raw: JSON.stringify(liquidation), account: { account: USER, status: 'LIQUIDATION', accountValue: '13104.514502' } });
  });

  it('the post-only-after-upgrade error is read as the POST_ONLY mode', async () => {
    await connected();
    const status = tap.next('status');
    venue.broadcast({ channel: 'error', data: postOnlyAfterUpgrade });
    expect(await status).toMatchObject({ status: 'post_only' });
    expect(tap.of('venue_error')[0].reason).toBe(`venue error: ${postOnlyAfterUpgrade}`);
  });

  it.each([
    ['not JSON', '{"channel":"user","da', 'not JSON'],
    ['an unknown order status', JSON.stringify({ ...marginCanceled, data: [{ ...marginCanceled.data[0], status: 'paused' }] }), 'unknown status paused'],
    ['a fill without a time', JSON.stringify({ ...userFills, data: { ...userFills.data, fills: [{ ...adlFill, time: undefined }] } }), 'fill: time'],
    ['a fill without a price', JSON.stringify({ ...userFills, data: { ...userFills.data, fills: [{ ...adlFill, px: undefined }] } }), 'fill: px'],
    ['an unknown user event', JSON.stringify({ channel: 'user', data: { surprise: 1 } }), 'user:'],
    ['a channel never asked for', JSON.stringify({ channel: 'l2Book', data: {} }), 'unexpected channel l2Book'],
  ])('%s → malformed event with the frame, and the stream goes on', async (_what, frame, problem) => {
    await connected();
    const malformed = tap.next('malformed');
    venue.broadcast(frame);
    expect(await malformed).toMatchObject({ source: 'ws', raw: frame, problem: expect.stringContaining(problem) });
    const after = tap.next('price');
    venue.broadcast(ethCtx);
    await after;
  });

  it('pings on the clock; a dropped link reconnects after the backoff and subscribes again', async () => {
    await connected();
    const ping = venue.next<{ message: unknown }>('message', (m) => (m.message as { method?: string }).method === 'ping');
    clock.advanceTo(START + 30_000);
    await ping;
    // The venue's answer carries no data; it is neither an event nor a malformed message.
    venue.broadcast({ channel: 'pong' });
    const after = tap.next('price');
    venue.broadcast(ethCtx);
    await after;
    expect(tap.events.filter((e) => e.kind === 'malformed')).toEqual([]);
    const down = tap.next('connection', (e) => e.state === 'down');
    venue.dropSockets();
    expect(await down).toMatchObject({ attempt: 1, retryInMs: 500 });
    const up = tap.next('connection', (e) => e.state === 'up');
    clock.advanceTo(START + 30_500);
    expect(await up).toMatchObject({ attempt: 2 });
    expect(venue.sockets[1].received).toHaveLength(4);
  });
});

describe('Hyperliquid info polling and queries', () => {
  it('polls exchangeStatus and clearinghouseState; 429 and 5xx are venue errors', async () => {
    await adapter.close();
    makeAdapter({ statusPollMs: 1_000, accountPollMs: 1_000 });
    const status = tap.next('status');
    const position = tap.next('position');
    await adapter.connect();
    expect((await status).status).toBe('ok');
    expect((await position).position).toMatchObject({ market: 'ETH', side: 'SHORT', size: '-2.0724', liquidationPrice: '8199.3' });
    replies.exchangeStatus = { status: 429, body: '' };
    replies.clearinghouseState = { status: 503, body: 'upstream unavailable' };
    const limited = tap.next('venue_error', (e) => e.source === 'system_state');
    const outage = tap.next('venue_error', (e) => e.source === 'rest');
    clock.advanceTo(START + 1_000);
    expect((await limited).reason).toBe('/info exchangeStatus: rate limited (HTTP 429)');
    expect((await outage).reason).toBe('/info clearinghouseState: HTTP 503: upstream unavailable');
    replies.exchangeStatus = { status: 200, body: { time: 1, specialStatuses: 'postOnly' } };
    const special = tap.next('status');
    clock.advanceTo(START + 2_000);
    expect((await special).status).toBe('post_only');
  });

  it('reads open orders, prices without delisted assets, account and history', async () => {
    const orders = await adapter.openOrders();
    expect(orders.ok && orders.value.map((o) => [o.venueOrderId, o.type, o.status, o.instruction, o.triggerPrice])).toEqual([
      ['1', 'LIMIT', 'OPEN', 'POST_ONLY', null], ['2', 'TAKE_PROFIT_MARKET', 'UNTRIGGERED', null, '70000.0'],
    ]);
    const prices = await adapter.prices();
    expect(prices.ok && prices.value.map((p) => p.market)).toEqual(['BTC', 'ETH']);
    const account = await adapter.account();
    expect(account.ok && account.value).toMatchObject({ maintenanceMarginRequirement: '125.0', freeCollateral: '12854.514502', marginCushion: '12979.514502', status: 'ACTIVE' });
    const lookup = await adapter.orderByClientId(restingOrder.cloid);
    expect(lookup.ok && lookup.value).toEqual({ found: false });
    const markets = await adapter.markets();
    expect(markets.ok && markets.value[0]).toEqual({ symbol: 'BTC', tickSize: '0.1', stepSize: '0.00001', minNotional: null });
  });

  it('an older clearinghouseState (no crossMaintenanceMarginUsed, no time): positions and account still read, the drift noticed once', async () => {
    replies.clearinghouseState = { status: 200, body: clearinghouseOldSchema };
    const positions = await adapter.positions();
    const account = await adapter.account();
    expect(positions.ok && positions.value.map((p) => [p.market, p.size])).toEqual([['SOL', '-0.5'], ['ETH', '1.6']]);
    expect(account).toMatchObject({ ok: true, value: { accountValue: '11524.216934', maintenanceMarginRequirement: null, venueAt: null } });
    expect(tap.of('schema_drift').map((e) => [e.source, e.field, e.change])).toEqual([['rest', 'crossMaintenanceMarginUsed', 'missing'], ['rest', 'time', 'missing']]);
    expect(tap.of('malformed')).toEqual([]);
  });

  it('an unreadable position inside a readable state is reported, the rest kept', async () => {
    replies.clearinghouseState = { status: 200, body: { ...clearinghouseState, assetPositions: [...clearinghouseState.assetPositions, { type: 'twoWay', position: {} }] } };
    const malformed = tap.next('malformed');
    const positions = await adapter.positions();
    expect(positions.ok && positions.value).toHaveLength(1);
    expect((await malformed).problem).toContain('assetPosition: position.coin');
  });
});
