import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VirtualClock, systemClock } from '../../clock';
import type { VenueEvent } from '../port';
import { ParadexAdapter } from './adapter';
import { SimDevAuthenticator } from '../../sim/dev-authenticator';
import { FixtureVenue } from './fixtures/fixture-venue';
import { historyOrder } from './fixtures/recorded';
import {
  account, btcMarket, closedOrder, liquidationFill, longPosition, makerFill, marketSummary, page, postOnlyError,
  tradeBust, untriggeredOrder,
} from './fixtures/rest-payloads';
import type { ParadexConfig } from './config';

const ORDER = { clientId: 'c-1', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.5', price: '95000.1' } as const;

let venue: FixtureVenue;
beforeEach(async () => {
  venue = await FixtureVenue.start();
});
afterEach(async () => {
  await venue.close();
});

function adapterFor(restUrl: string, overrides: Partial<ParadexConfig> = {}): { adapter: ParadexAdapter; events: VenueEvent[] } {
  const clock = overrides.clock ?? systemClock;
  const adapter = new ParadexAdapter({
    restUrl,
    wsUrl: venue.wsUrl,
    rpcUrl: venue.rpcUrl,
    markets: ['BTC-USD-PERP'],
    clock,
    auth: new SimDevAuthenticator({ restUrl, clock, timeoutMs: 1_000 }),
    statusPollMs: null,
    chainPollMs: null,
    ...overrides,
  });
  const events: VenueEvent[] = [];
  adapter.subscribe((event) => events.push(event));
  return { adapter, events };
}

describe('Paradex order entry', () => {
  it('201 with an order id → accepted, with the exact signed request bytes in Paradex shape', async () => {
    venue.route('POST', '/v1/orders', { status: 201, body: { ...closedOrder, id: 'V-1', client_id: 'c-1', status: 'NEW' } });
    const { adapter } = adapterFor(venue.restUrl);
    const result = await adapter.placeOrder({ ...ORDER, timeInForce: 'POST_ONLY', reduceOnly: true });
    expect(result.outcome).toBe('accepted');
    if (result.outcome !== 'accepted') return;
    expect(result.venueOrderId).toBe('V-1');
    const sent = venue.requests.find((r) => r.method === 'POST' && r.path === '/v1/orders');
    expect(sent?.body).toBe(result.request.body);
    expect(sent?.headers.authorization).toBe('Bearer fixture-jwt');
    expect(sent?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(result.request.body ?? '');
    expect(body).toEqual({
      market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.5', price: '95000.1', instruction: 'POST_ONLY',
      flags: ['REDUCE_ONLY'], client_id: 'c-1', signature: '["blackbox-sim-dev-key","0"]',
      signature_timestamp: expect.any(Number),
    });
    expect(result.request.url).toBe(`${venue.restUrl}/orders`);
  });

  it('a trigger order carries trigger_price and no price when none is given', async () => {
    venue.route('POST', '/v1/orders', { status: 201, body: untriggeredOrder });
    const { adapter } = adapterFor(venue.restUrl);
    const result = await adapter.placeOrder({
      clientId: 'tp-1', market: 'BTC-USD-PERP', side: 'SELL', type: 'TAKE_PROFIT_MARKET', size: '0.5', triggerPrice: '98000',
    });
    expect(result.outcome).toBe('accepted');
    const body = JSON.parse(result.request?.body ?? '');
    expect(body).not.toHaveProperty('price');
    expect(body).not.toHaveProperty('flags');
    expect(body).toMatchObject({ trigger_price: '98000', instruction: 'GTC', type: 'TAKE_PROFIT_MARKET' });
  });

  it('400 with the venue error body → rejected with its code', async () => {
    venue.route('POST', '/v1/orders', { status: 400, body: postOnlyError });
    const { adapter } = adapterFor(venue.restUrl);
    const result = await adapter.placeOrder(ORDER);
    expect(result).toMatchObject({
      outcome: 'rejected', code: 'SYSTEM_STATUS_POST_ONLY', message: 'only post-only orders are accepted', httpStatus: 400,
      raw: JSON.stringify(postOnlyError),
    });
  });

  it.each([
    ['503 during an API outage', { status: 503, body: 'Service Unavailable' }, 'HTTP 503'],
    ['504 TIMEOUT during a chain halt', { status: 504, body: { error: 'TIMEOUT', message: 'chain halted' } }, 'HTTP 504 TIMEOUT'],
    ['500 with an error body', { status: 500, body: { error: 'INTERNAL_ERROR' } }, 'HTTP 500 INTERNAL_ERROR'],
    ['404 without a venue error body', { status: 404, body: '<html>nginx</html>' }, 'HTTP 404 without a venue error body'],
    ['408 even with an error body', { status: 408, body: { error: 'REQUEST_TIMEOUT' } }, 'HTTP 408 REQUEST_TIMEOUT'],
    ['201 without an order id', { status: 201, body: { ok: true } }, 'names no order id'],
  ])('%s → unresolved, never rejected', async (_what, reply, reason) => {
    venue.route('POST', '/v1/orders', reply);
    const { adapter } = adapterFor(venue.restUrl);
    const result = await adapter.placeOrder(ORDER);
    expect(result.outcome).toBe('unresolved');
    expect(result.outcome === 'unresolved' && result.reason).toContain(reason);
    expect(result.request?.body).toContain('"client_id":"c-1"');
  });

  it('a socket dropped mid-request → unresolved, with the request that went out', async () => {
    venue.route('POST', '/v1/orders', { destroy: true });
    const { adapter } = adapterFor(venue.restUrl);
    const result = await adapter.placeOrder(ORDER);
    expect(result).toMatchObject({ outcome: 'unresolved', httpStatus: null, raw: null });
    expect(result.outcome === 'unresolved' && result.reason).toMatch(/^transport error/);
    expect(result.request).not.toBeNull();
  });

  it('no answer before the timeout (virtual clock) → unresolved', async () => {
    const clock = new VirtualClock(1_768_795_200_000);
    venue.route('POST', '/v1/orders', { hang: true });
    const { adapter } = adapterFor(venue.restUrl, { clock, requestTimeoutMs: 5_000 });
    const arrived = venue.next('request', (r: { path: string }) => r.path === '/v1/orders');
    const pending = adapter.placeOrder(ORDER);
    await arrived;
    clock.advanceTo(clock.now() + 4_999);
    clock.advanceTo(clock.now() + 1);
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'unresolved', reason: 'timeout after 5000 ms' });
    expect(result.request?.sentAt).toBe(1_768_795_200_000);
  });

  it('connection refused → unresolved; with no token to be had nothing is sent', async () => {
    const deadUrl = await closedPortUrl();
    const { adapter } = adapterFor(`${deadUrl}/v1`);
    const result = await adapter.placeOrder(ORDER);
    expect(result.outcome).toBe('unresolved');
    expect(result.outcome === 'unresolved' && result.reason).toContain('ECONNREFUSED');
    expect(result.request).toBeNull();
  });

  it('connection refused on the order itself → unresolved with the request', async () => {
    const deadUrl = await closedPortUrl();
    const clock = systemClock;
    const { adapter } = adapterFor(`${deadUrl}/v1`, { auth: new SimDevAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000 }) });
    const result = await adapter.placeOrder(ORDER);
    expect(result.outcome).toBe('unresolved');
    expect(result.outcome === 'unresolved' && result.reason).toContain('ECONNREFUSED');
    expect(result.request?.body).toContain('"client_id":"c-1"');
  });

  it('cancels by client id (scoped by market) and cancels all', async () => {
    venue.route('DELETE', '/v1/orders/by_client_id/c%2F1', { status: 204, body: '' });
    venue.route('DELETE', '/v1/orders', { status: 200, body: {} });
    const { adapter } = adapterFor(venue.restUrl);
    expect(await adapter.cancelOrder('c/1', 'BTC-USD-PERP')).toMatchObject({ outcome: 'accepted', raw: '' });
    const cancel = venue.requests.find((r) => r.method === 'DELETE' && r.path.startsWith('/v1/orders/by_client_id'));
    expect(cancel?.query.get('market')).toBe('BTC-USD-PERP');
    expect(await adapter.cancelAll('ETH-USD-PERP')).toMatchObject({ outcome: 'accepted', request: { method: 'DELETE', body: null } });
    venue.route('DELETE', '/v1/orders', { status: 504, body: { error: 'TIMEOUT' } });
    expect(await adapter.cancelAll()).toMatchObject({ outcome: 'unresolved', httpStatus: 504 });
    venue.route('DELETE', '/v1/orders', { status: 400, body: { error: 'SYSTEM_STATUS_MAINTENANCE', message: 'no' } });
    expect(await adapter.cancelAll()).toMatchObject({ outcome: 'rejected', code: 'SYSTEM_STATUS_MAINTENANCE' });
  });
});

describe('Paradex look-ups', () => {
  it('reads every endpoint', async () => {
    venue.route('GET', '/v1/markets', { status: 200, body: { results: [btcMarket] } });
    venue.route('GET', '/v1/markets/summary', { status: 200, body: { results: [marketSummary] } });
    venue.route('GET', '/v1/orders', { status: 200, body: { results: [untriggeredOrder] } });
    venue.route('GET', '/v1/positions', { status: 200, body: { results: [longPosition] } });
    venue.route('GET', '/v1/account', { status: 200, body: account });
    venue.route('GET', '/v1/tradebusts', { status: 200, body: page([tradeBust]) });
    venue.route('GET', '/v1/system/state', { status: 200, body: { status: 'POST_ONLY' } });
    const { adapter } = adapterFor(venue.restUrl);
    expect(await adapter.markets()).toMatchObject({ ok: true, value: [{ symbol: 'BTC-USD-PERP', tickSize: '0.1' }] });
    expect(await adapter.prices()).toMatchObject({ ok: true, value: [{ markPrice: '29799.70877478', indexPrice: '29876.3' }] });
    expect(await adapter.openOrders()).toMatchObject({ ok: true, value: [{ clientId: 'tp-1', status: 'UNTRIGGERED' }] });
    expect(await adapter.positions()).toMatchObject({ ok: true, value: [{ size: '0.5' }], malformed: [] });
    expect(await adapter.account()).toMatchObject({ ok: true, value: { status: 'ACTIVE' }, raw: [JSON.stringify(account)] });
    expect(await adapter.tradeBusts()).toMatchObject({ ok: true, value: [{ bustedFillId: '8615262148007718463' }] });
    expect(await adapter.systemState()).toMatchObject({ ok: true, value: 'post_only' });
    expect(await adapter.chainHeight()).toMatchObject({ ok: true, value: 1604710 });
    expect(venue.requests.find((r) => r.path === '/v1/markets/summary')?.query.get('market')).toBe('ALL');
    expect(venue.requests.find((r) => r.path === '/v1/account')?.headers.authorization).toBe('Bearer fixture-jwt');
    expect(venue.requests.find((r) => r.path === '/v1/system/state')?.headers.authorization).toBeUndefined();
  });

  it('order history as the real API writes it (instruction "", client_id "", digit-string times) is read, not refused', async () => {
    venue.route('GET', '/v1/orders-history', { status: 200, body: page([historyOrder]) });
    const { adapter, events } = adapterFor(venue.restUrl);
    const history = await adapter.ordersHistory({ since: 0 });
    expect(history).toMatchObject({ ok: true, malformed: [], value: [{ venueOrderId: '1721903808500201709220290000', instruction: null, clientId: null, cancelReason: 'ORDER_SIZE_BELOW_MIN', venueAt: 1721903808521 }] });
    expect(events).toEqual([]);
  });

  it('follows the cursor through orders-history and fills, from `since`', async () => {
    venue.route('GET', '/v1/orders-history', (request) =>
      request.query.get('cursor') === 'p2'
        ? { status: 200, body: page([untriggeredOrder], null, 'p1') }
        : { status: 200, body: page([closedOrder], 'p2') },
    );
    venue.route('GET', '/v1/fills', { status: 200, body: page([makerFill, liquidationFill]) });
    const { adapter } = adapterFor(venue.restUrl);
    const history = await adapter.ordersHistory({ since: 1681493000000, market: 'BTC-USD-PERP' });
    expect(history).toMatchObject({ ok: true, value: [{ clientId: 'x1234' }, { clientId: 'tp-1' }] });
    expect(history.ok && history.raw).toHaveLength(2);
    const first = venue.requests.find((r) => r.path === '/v1/orders-history');
    expect(first?.query.get('start_at')).toBe('1681493000000');
    expect(first?.query.get('market')).toBe('BTC-USD-PERP');
    const fills = await adapter.fills({ since: 0 });
    expect(fills).toMatchObject({ ok: true, value: [{ fillType: 'FILL' }, { fillType: 'LIQUIDATION' }] });
  });

  it('an unreadable list item is returned as malformed and reported on the stream, the rest still read', async () => {
    const bad = { ...makerFill, id: 'f-bad', size: '0.05 BTC' };
    venue.route('GET', '/v1/fills', { status: 200, body: page([makerFill, bad]) });
    const { adapter, events } = adapterFor(venue.restUrl);
    const fills = await adapter.fills({ since: 0 });
    expect(fills.ok && fills.value.map((f) => f.fillId)).toEqual(['8615262148007718463']);
    expect(fills.ok && fills.malformed).toEqual([{ raw: JSON.stringify(bad), problem: expect.stringContaining('size') }]);
    expect(events).toEqual([expect.objectContaining({ kind: 'malformed', source: 'rest', raw: JSON.stringify(bad) })]);
  });

  it('orderByClientId: found, not found (an answer), and an outage (an error)', async () => {
    venue.route('GET', '/v1/orders/by_client_id/x1234', { status: 200, body: closedOrder });
    venue.route('GET', '/v1/orders/by_client_id/gone', { status: 404, body: { error: 'ORDER_ID_NOT_FOUND', message: 'not found' } });
    venue.route('GET', '/v1/orders/by_client_id/later', { status: 503, body: '' });
    const { adapter } = adapterFor(venue.restUrl);
    expect(await adapter.orderByClientId('x1234')).toMatchObject({ ok: true, value: { found: true, order: { cancelReason: 'NOT_ENOUGH_MARGIN' } } });
    expect(await adapter.orderByClientId('gone')).toMatchObject({ ok: true, value: { found: false } });
    expect(await adapter.orderByClientId('later')).toMatchObject({ ok: false, error: { kind: 'http', httpStatus: 503 } });
  });

  it('an unreadable body is a malformed error, reported with the body', async () => {
    venue.route('GET', '/v1/account', { status: 200, body: '{"account":' });
    const { adapter, events } = adapterFor(venue.restUrl);
    expect(await adapter.account()).toMatchObject({ ok: false, error: { kind: 'malformed', raw: '{"account":' } });
    expect(events).toMatchObject([{ kind: 'malformed', raw: '{"account":', problem: expect.stringContaining('not JSON') }]);
  });

  it('refreshes the token before the venue expires it, and after a 401', async () => {
    const clock = new VirtualClock(1_768_795_200_000);
    venue.route('GET', '/v1/account', { status: 200, body: account });
    const { adapter } = adapterFor(venue.restUrl, { clock });
    const auths = () => venue.requests.filter((r) => r.path === '/v1/auth').length;
    await adapter.account();
    await adapter.account();
    expect(auths()).toBe(1);
    clock.advanceTo(clock.now() + 3 * 60_000);
    await adapter.account();
    expect(auths()).toBe(2);
    venue.route('GET', '/v1/account', { status: 401, body: { error: 'UNAUTHORIZED' } });
    await adapter.account();
    await adapter.account();
    expect(auths()).toBe(3);
  });
});

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
