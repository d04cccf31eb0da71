import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { SIM_DEV_ACCOUNT, SIM_DEV_KEY } from './dev-credentials';
import { BTC, engineFixture, START } from './fixture';
import { SimVenueServer, type VenueServerOptions } from './server';
import { TestSocket, upgradeRefusal } from './test-socket';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const DEV_HEADERS = { 'PARADEX-STARKNET-ACCOUNT': SIM_DEV_ACCOUNT, 'PARADEX-STARKNET-SIGNATURE': JSON.stringify([SIM_DEV_KEY, '0']) };

async function venue(options: VenueServerOptions = {}) {
  const f = engineFixture();
  const server = new SimVenueServer(f.engine, { pingIntervalMs: 0, ...options });
  const urls = await server.start();
  cleanups.push(() => server.stop());
  const http = async (method: string, path: string, init: { jwt?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.jwt) headers.Authorization = `Bearer ${init.jwt}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${urls.restUrl}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  const login = async () => {
    const answer = await http('POST', '/auth', { headers: DEV_HEADERS });
    expect(answer.status).toBe(200);
    return answer.json.jwt_token as string;
  };
  const socket = async (jwt?: string) => {
    const s = await TestSocket.open(urls.wsUrl);
    cleanups.push(() => s.close());
    if (jwt) expect((await s.rpc('auth', { bearer: jwt })).result).toEqual({ node_id: 'blackbox-sim' });
    return s;
  };
  const rpc = async (method: string) => {
    const res = await fetch(urls.rpcUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method, params: [], id: 7 }) });
    return (await res.json()) as { result?: any; error?: { code: number } };
  };
  return { ...f, server, urls, http, login, socket, rpc };
}

const limitBuy = (clientId: string, price = '90000') => ({ market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price, client_id: clientId, signature: '[1,2]', signature_timestamp: START });
const marketBuy = (clientId: string, size = '0.5') => ({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size, client_id: clientId });

describe('public REST', () => {
  it('answers system state, time, config, markets and summaries in Paradex shapes', async () => {
    const v = await venue();
    expect(await v.http('GET', '/system/state')).toEqual({ status: 200, json: { status: 'ok' } });
    expect((await v.http('GET', '/system/time')).json).toEqual({ server_time: String(START) });
    expect((await v.http('GET', '/system/config')).json.starknet_fullnode_rpc_url).toBe(v.urls.rpcUrl);
    const markets = (await v.http('GET', '/markets')).json.results;
    expect(markets.map((m: { symbol: string }) => m.symbol)).toEqual(['BTC-USD-PERP', 'ETH-USD-PERP']);
    expect(markets[0]).toMatchObject({ price_tick_size: '0.1', order_size_increment: '0.001', asset_kind: 'PERP', delta1_cross_margin_params: { imf_base: '0.05', mmf_factor: '0.6' } });
    const summary = (await v.http('GET', '/markets/summary?market=BTC-USD-PERP')).json.results;
    expect(summary).toEqual([expect.objectContaining({ symbol: BTC.symbol, mark_price: '95000', underlying_price: '95000', bid: '94990.5', ask: '95009.5', created_at: START })]);
  });

  it('reports status changes and serves the chain height over JSON-RPC', async () => {
    const v = await venue();
    v.engine.apply({ kind: 'status', status: 'post_only' });
    expect((await v.http('GET', '/system/state')).json).toEqual({ status: 'post_only' });
    const first = await v.rpc('starknet_blockNumber');
    expect(first).toEqual({ jsonrpc: '2.0', result: v.engine.height(), id: 7 });
    v.seconds(3);
    expect((await v.rpc('starknet_blockNumber')).result).toBe(first.result + 3);
    expect((await v.rpc('starknet_blockHashAndNumber')).result).toEqual({ block_hash: v.engine.blockHash(first.result + 3), block_number: first.result + 3 });
    expect((await v.rpc('starknet_nope')).error?.code).toBe(-32601);
  });
});

describe('auth', () => {
  it('issues a JWT only for the dev account and key, and guards the private endpoints with it', async () => {
    const v = await venue();
    expect((await v.http('POST', '/auth', { headers: { ...DEV_HEADERS, 'PARADEX-STARKNET-SIGNATURE': '["wrong","0"]' } })).status).toBe(401);
    expect((await v.http('POST', '/auth', { headers: { ...DEV_HEADERS, 'PARADEX-STARKNET-ACCOUNT': '0x1' } })).status).toBe(401);
    expect(await v.http('GET', '/account')).toEqual({ status: 401, json: { error: 'UNAUTHORIZED_ERROR', message: expect.any(String) } });
    expect((await v.http('GET', '/account', { jwt: 'a.b.c' })).json.error).toBe('INVALID_TOKEN');
    const jwt = await v.login();
    const account = await v.http('GET', '/account', { jwt });
    expect(account.status).toBe(200);
    expect(account.json).toMatchObject({ account: SIM_DEV_ACCOUNT, account_value: '8000', total_collateral: '8000', free_collateral: '8000', status: 'ACTIVE' });
  });

  it('expires a JWT after 5 minutes of the engine clock', async () => {
    const v = await venue();
    const jwt = await v.login();
    v.clock.advanceTo(START + 299_999);
    expect((await v.http('GET', '/positions', { jwt })).status).toBe(200);
    v.clock.advanceTo(START + 300_000);
    expect((await v.http('GET', '/positions', { jwt })).json.error).toBe('INVALID_TOKEN');
  });
});

describe('orders over REST', () => {
  it('places, reads and cancels by id and by client id', async () => {
    const v = await venue();
    const jwt = await v.login();
    const created = await v.http('POST', '/orders', { jwt, body: limitBuy('O1') });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ client_id: 'O1', status: 'NEW', size: '0.1', remaining_size: '0.1', price: '90000', instruction: 'GTC', flags: [], created_at: START });
    const open = (await v.http('GET', '/orders?market=BTC-USD-PERP', { jwt })).json.results;
    expect(open.map((o: { client_id: string; status: string }) => [o.client_id, o.status])).toEqual([['O1', 'OPEN']]);
    expect((await v.http('GET', `/orders/${created.json.id}`, { jwt })).json.client_id).toBe('O1');

    expect((await v.http('DELETE', '/orders/by_client_id/O1', { jwt })).status).toBe(204);
    expect((await v.http('GET', '/orders/by_client_id/O1', { jwt })).json).toMatchObject({ status: 'CLOSED', cancel_reason: 'USER_CANCELED' });
    expect((await v.http('DELETE', '/orders/by_client_id/O1', { jwt })).json.error).toBe('ORDER_IS_CLOSED');
    expect(await v.http('DELETE', '/orders/by_client_id/NOPE', { jwt })).toEqual({ status: 404, json: { error: 'CLIENT_ORDER_ID_NOT_FOUND', message: expect.any(String) } });
    expect((await v.http('GET', '/orders/123', { jwt })).json.error).toBe('ORDER_ID_NOT_FOUND');

    const second = await v.http('POST', '/orders', { jwt, body: limitBuy('O2') });
    expect((await v.http('DELETE', `/orders/${second.json.id}`, { jwt })).status).toBe(204);
    await v.http('POST', '/orders', { jwt, body: limitBuy('O3') });
    expect(await v.http('DELETE', '/orders?market=BTC-USD-PERP', { jwt })).toEqual({ status: 200, json: {} });
    expect((await v.http('GET', '/orders', { jwt })).json.results).toEqual([]);
  });

  it('answers venue rules as Paradex error bodies', async () => {
    const v = await venue();
    const jwt = await v.login();
    const crossing = await v.http('POST', '/orders', { jwt, body: { ...limitBuy('P1', '96000'), instruction: 'POST_ONLY' } });
    expect(crossing).toEqual({ status: 400, json: { error: 'POST_ONLY_WOULD_CROSS', message: expect.any(String) } });
    v.engine.apply({ kind: 'status', status: 'cancel_only' });
    expect((await v.http('POST', '/orders', { jwt, body: limitBuy('X') })).json.error).toBe('SYSTEM_STATUS_CANCEL_ONLY');
    expect((await v.http('POST', '/orders', { jwt, body: { market: BTC.symbol } })).json.error).toBe('VALIDATION_ERROR');
  });

  it('lists fills, positions, account and paginated history', async () => {
    const v = await venue();
    const jwt = await v.login();
    await v.http('POST', '/orders', { jwt, body: marketBuy('L1') });
    v.seconds(1);
    await v.http('POST', '/orders', { jwt, body: limitBuy('O1') });
    const fills = (await v.http('GET', '/fills?market=BTC-USD-PERP', { jwt })).json;
    expect(fills).toEqual({
      next: null, prev: null,
      results: [expect.objectContaining({ client_id: 'L1', market: BTC.symbol, side: 'BUY', liquidity: 'TAKER', fill_type: 'FILL', price: '95009.5', size: '0.5', fee: '14.251425', realized_pnl: '0', created_at: START })],
    });
    const [position] = (await v.http('GET', '/positions', { jwt })).json.results;
    expect(position).toMatchObject({ market: BTC.symbol, side: 'LONG', size: '0.5', status: 'OPEN', average_entry_price: '95009.5', unrealized_pnl: '-4.75', liquidation_price: '81482.47716495' });
    const history = await v.http('GET', '/orders-history?page_size=1', { jwt });
    expect(history.json.results.map((o: { client_id: string }) => o.client_id)).toEqual(['O1']);
    const older = await v.http('GET', `/orders-history?page_size=1&cursor=${history.json.next}`, { jwt });
    expect([older.json.results[0].client_id, older.json.next]).toEqual(['L1', null]);
    expect((await v.http('GET', '/orders-history?client_id=L1', { jwt })).json.results[0]).toMatchObject({ status: 'CLOSED', cancel_reason: '', remaining_size: '0', avg_fill_price: '95009.5' });
    expect((await v.http('GET', '/balance', { jwt })).json.results).toEqual([{ token: 'USDC', size: '7985.748575', last_updated_at: START }]);
  });
});

describe('WebSocket', () => {
  it('streams order, fill, position and account frames on the private channels after auth', async () => {
    const v = await venue();
    const jwt = await v.login();
    const s = await v.socket(jwt);
    for (const channel of ['orders.ALL', 'fills.ALL', 'positions', 'account']) {
      expect(await s.rpc('subscribe', { channel })).toMatchObject({ jsonrpc: '2.0', result: { channel }, id: expect.any(Number) });
    }
    await v.http('POST', '/orders', { jwt, body: marketBuy('L1') });
    expect(await s.frame('orders.ALL', (o: { status: string }) => o.status === 'NEW')).toMatchObject({ client_id: 'L1', remaining_size: '0.5' });
    expect(await s.frame('fills.ALL')).toMatchObject({ client_id: 'L1', fill_type: 'FILL', price: '95009.5' });
    expect(await s.frame('orders.ALL', (o: { status: string }) => o.status === 'CLOSED')).toMatchObject({ client_id: 'L1', remaining_size: '0', cancel_reason: '' });
    expect(await s.frame('positions')).toMatchObject({ market: BTC.symbol, size: '0.5' });
    expect(await s.frame('account')).toMatchObject({ total_collateral: '7985.748575' });
  });

  it('streams market summaries on each heartbeat and liquidation fills with the venue-given client id', async () => {
    const v = await venue();
    const jwt = await v.login();
    const s = await v.socket(jwt);
    await s.rpc('subscribe', { channel: 'markets_summary' });
    await s.rpc('subscribe', { channel: 'fills.BTC-USD-PERP' });
    await v.http('POST', '/orders', { jwt, body: marketBuy('L1') });
    v.moveTo(BTC.symbol, '80000');
    expect(await s.frame('markets_summary', (m: { symbol: string }) => m.symbol === BTC.symbol)).toMatchObject({ mark_price: '80000', created_at: START + 1000 });
    await s.frame('fills.BTC-USD-PERP', (f: { client_id: string }) => f.client_id === 'L1');
    expect(await s.frame('fills.BTC-USD-PERP')).toMatchObject({ client_id: 'liq-1', fill_type: 'LIQUIDATION', price: '80000', fee: '200', orderbook_seq_no: 0 });
  });

  it('streams trade busts', async () => {
    const v = await venue();
    const jwt = await v.login();
    const s = await v.socket(jwt);
    await s.rpc('subscribe', { channel: 'tradebusts' });
    await v.http('POST', '/orders', { jwt, body: marketBuy('L1') });
    const [fill] = (await v.http('GET', '/fills', { jwt })).json.results;
    v.engine.apply({ kind: 'bustFill', clientId: 'L1' });
    expect(await s.frame('tradebusts')).toEqual({ account: SIM_DEV_ACCOUNT, busted_fill_id: fill.id, created_at: START });
    expect((await v.http('GET', '/tradebusts', { jwt })).json.results).toEqual([{ account: SIM_DEV_ACCOUNT, busted_fill_id: fill.id, created_at: START }]);
    expect((await v.http('GET', '/fills', { jwt })).json.results).toEqual([]);
  });

  it('refuses private channels before auth, unknown channels and bad bearers', async () => {
    const v = await venue();
    const s = await v.socket();
    expect((await s.rpc('subscribe', { channel: 'orders.ALL' })).error?.code).toBe(40111);
    expect((await s.rpc('subscribe', { channel: 'order_book.BTC' })).error?.code).toBe(-32602);
    expect((await s.rpc('subscribe', { channel: 'markets_summary.BTC-USD-PERP' })).result).toEqual({ channel: 'markets_summary.BTC-USD-PERP' });
    expect((await s.rpc('auth', { bearer: 'x.y.z' })).error?.code).toBe(40111);
    expect((await s.rpc('nope', {})).error?.code).toBe(-32601);
  });

  it('pings on the transport clock and drops a client that does not pong', async () => {
    const transport = new VirtualClock(0);
    const v = await venue({ pingIntervalMs: 55_000, pongTimeoutMs: 5_000, transportClock: transport });
    const polite = await v.socket();
    const silent = await TestSocket.open(v.urls.wsUrl, { autoPong: false });
    cleanups.push(() => silent.close());
    const pinged = new Promise<void>((resolve) => polite.ws.once('ping', () => resolve()));
    transport.advanceTo(55_000);
    await pinged;
    // The pong went out before this request on the same connection, so the server has it now.
    await polite.rpc('subscribe', { channel: 'markets_summary' });
    transport.advanceTo(60_000);
    expect(await silent.closed).toBe(1006);
    expect((await polite.rpc('unsubscribe', { channel: 'markets_summary' })).result).toEqual({ channel: 'markets_summary' });
  });
});

describe('faults over the wire', () => {
  it('apiOutage errors-but-accepts: 503 everywhere, sockets dropped and refused, yet orders execute', async () => {
    const v = await venue();
    const jwt = await v.login();
    const s = await v.socket(jwt);
    v.engine.apply({ kind: 'apiOutage', mode: 'errors-but-accepts', seconds: 60 });
    expect(await s.closed).toBe(1006);
    expect(await upgradeRefusal(v.urls.wsUrl)).toBe(503);
    expect(await v.http('GET', '/system/state')).toEqual({ status: 503, json: { error: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    expect((await v.http('POST', '/orders', { jwt, body: marketBuy('H1') })).status).toBe(503);
    expect((await v.http('GET', '/orders/by_client_id/H1', { jwt })).status).toBe(503);
    expect((await v.rpc('starknet_blockNumber')).result).toBe(v.engine.height());
    v.seconds(60);
    expect((await v.http('GET', '/orders/by_client_id/H1', { jwt })).json).toMatchObject({ status: 'CLOSED', remaining_size: '0' });
    await v.socket(jwt);
  });

  it('apiOutage down: 503 and nothing executes', async () => {
    const v = await venue();
    const jwt = await v.login();
    v.engine.apply({ kind: 'apiOutage', mode: 'down', seconds: 10 });
    expect((await v.http('POST', '/orders', { jwt, body: marketBuy('H1') })).status).toBe(503);
    v.seconds(10);
    expect((await v.http('GET', '/orders/by_client_id/H1', { jwt })).status).toBe(404);
  });

  it('disconnect: sockets dropped and refused while REST works', async () => {
    const v = await venue();
    const jwt = await v.login();
    const s = await v.socket(jwt);
    await s.rpc('subscribe', { channel: 'fills.ALL' });
    // Frames caused before the drop, in the same step, still arrive; nothing after it does.
    v.engine.placeOrder(marketBuy('L1'));
    v.engine.apply({ kind: 'disconnect', seconds: 30 });
    v.engine.placeOrder(marketBuy('L2'));
    expect(await s.closed).toBe(1006);
    expect(s.drain('fills.ALL')).toEqual([expect.objectContaining({ client_id: 'L1' })]);
    expect(await upgradeRefusal(v.urls.wsUrl)).toBe(503);
    expect((await v.http('GET', '/account', { jwt })).status).toBe(200);
    expect((await v.http('POST', '/orders', { jwt, body: limitBuy('O1') })).status).toBe(201);
    v.seconds(30);
    await v.socket(jwt);
  });

  it('halt: orders and cancels answer 504 TIMEOUT, the height stands still, /system/state says ok', async () => {
    const v = await venue();
    const jwt = await v.login();
    await v.http('POST', '/orders', { jwt, body: limitBuy('O1') });
    v.engine.apply({ kind: 'halt', seconds: 600 });
    const height = (await v.rpc('starknet_blockNumber')).result;
    v.seconds(120);
    expect((await v.rpc('starknet_blockNumber')).result).toBe(height);
    expect(await v.http('POST', '/orders', { jwt, body: limitBuy('O2') })).toEqual({ status: 504, json: { error: 'TIMEOUT', message: expect.any(String) } });
    expect((await v.http('DELETE', '/orders/by_client_id/O1', { jwt })).status).toBe(504);
    expect((await v.http('DELETE', '/orders', { jwt })).status).toBe(504);
    expect((await v.http('GET', '/system/state')).json).toEqual({ status: 'ok' });
    expect((await v.http('GET', '/orders', { jwt })).json.results).toHaveLength(1);
  });

  it('delivers a burst far beyond the socket buffers in full before a drop in the same step', async () => {
    // Ten virtual hours of summaries (~25 MB) are still queued in `ws` when the drop comes; an
    // immediate terminate loses most of them, which would make a replay depend on socket timing.
    const v = await venue();
    const s = await v.socket();
    await s.rpc('subscribe', { channel: 'markets_summary' });
    v.seconds(36_000);
    v.engine.apply({ kind: 'disconnect', seconds: 1 });
    await s.closed;
    expect(s.drain('markets_summary')).toHaveLength(72_000);
  });

  it('flushes every frame a step causes before idle() resolves', async () => {
    const v = await venue();
    const jwt = await v.login();
    const s = await v.socket(jwt);
    await s.rpc('subscribe', { channel: 'markets_summary' });
    const before = v.server.framesSent();
    v.seconds(5);
    expect(v.server.framesSent() - before).toBe(10);
    await v.server.idle();
    for (let i = 0; i < 10; i++) await s.frame('markets_summary');
  });
});
