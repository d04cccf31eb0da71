import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../core/journal/journal';
import { restUrl, startFixtureIndexer } from '../../../core/venues/dydx/fixtures/fixture-indexer';
import type { LoopbackVenue } from '../../../core/venues/dydx/fixtures/loopback-venue';
import {
  ADDRESS, canceledOrder, fundingAnswer, fundingPaymentItem, geoblocked, liquidatedFill, makerFill, openOrder,
} from '../../../core/venues/dydx/fixtures/payloads';
import { defaultInfoReplies, startFixtureApi } from '../../../core/venues/hyperliquid/fixtures/fixture-api';
import { historical, restingOrder, takeProfit, USER, userFundingItem } from '../../../core/venues/hyperliquid/fixtures/payloads';
import { FixtureVenue } from '../../../core/venues/paradex/fixtures/fixture-venue';
import { fundingPayment, historyOrder } from '../../../core/venues/paradex/fixtures/recorded';
import { account, closedOrder, longPosition, makerFill as paradexFill, page, untriggeredOrder } from '../../../core/venues/paradex/fixtures/rest-payloads';
import { packageRoot } from '../paths';
import { describeSnapshot } from './watch-snapshot';

let dir: string;
let journal: string;
const servers: Array<{ close(): Promise<void> }> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blackbox-watch-'));
  journal = join(dir, 'journal.db');
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function blackbox(args: string[], paradexKey = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin/blackbox.mjs'), ...args], {
      cwd: packageRoot, env: { ...process.env, BLACKBOX_DATA_DIR: dir, BLACKBOX_PARADEX_PRIVATE_KEY: paradexKey },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function journaledKinds(): string[] {
  const review = Journal.openReadOnly(journal);
  try {
    return review.query({ limit: 1000 }).events.map((e) => e.kind);
  } finally {
    review.close();
  }
}

async function indexer(): Promise<LoopbackVenue> {
  const venue = await startFixtureIndexer();
  servers.push(venue);
  return venue;
}

describe('blackbox watch --once --json', () => {
  it('dydx: prints status, balances, positions, open and recently closed orders, recent fills and funding, and journals them with the raw answers', async () => {
    const venue = await indexer();
    const recent = new Date().toISOString();
    // The liquidation arrives without `fee`, as channel fills do: read with fee 0, the drift a notice.
    const { fee: _fee, ...feeless } = liquidatedFill;
    venue.route('GET', '/v4/fills', { status: 200, body: { fills: [{ ...makerFill, createdAt: recent }, { ...feeless, createdAt: recent }] } });
    venue.route('GET', '/v4/orders', (request) => {
      const status = request.query.get('status');
      if (status === 'OPEN') return { status: 200, body: [openOrder] };
      return { status: 200, body: status ? [] : [openOrder, { ...canceledOrder, updatedAt: recent }] };
    });
    venue.route('GET', '/v4/fundingPayments', { status: 200, body: fundingAnswer({ ...fundingPaymentItem, createdAt: recent }, { ...fundingPaymentItem, createdAt: '2020-01-01T00:00:00.000Z' }) });
    const run = await blackbox(['watch', '--venue', 'dydx', '--address', ADDRESS, '--rest-url', restUrl(venue), '--ws-url', venue.wsUrl, '--markets', 'BTC-USD,ETH-USD', '--once', '--json', '--journal', journal]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({
      venue: 'dydx', status: 'ok', errors: {},
      marketStatuses: [{ ticker: 'BTC-USD', status: 'ACTIVE' }, { ticker: 'ETH-USD', status: 'ACTIVE' }],
      account: { accountValue: '10000', maintenanceMarginRequirement: '111.03' },
      balances: [{ asset: 'USDC', size: '13801' }],
      positions: [{ market: 'ETH-USD', size: '-2' }],
      openOrders: [{ clientId: '123', status: 'OPEN' }],
      closedOrders: [{ clientId: '124', status: 'CLOSED', cancelReason: 'CANCELED (no removal reason over REST)' }],
      recentFills: [{ fillType: 'FILL', clientId: '123' }, { fillType: 'LIQUIDATION', fee: '0', defaults: ['fee'], price: '1854.25', size: '1' }],
      recentFunding: [{ market: 'ETH-USD', amount: '0.0462625', rate: '0.0000125', positionSize: '-2' }],
    });
    expect(snapshot.recentFunding).toHaveLength(1);
    expect(venue.requests.find((r) => r.path === '/v4/fundingPayments')?.query.get('address')).toBe(ADDRESS);
    const kinds = journaledKinds();
    for (const kind of ['VENUE_STATUS', 'ACCOUNT_SNAPSHOT', 'POSITION_SNAPSHOT', 'VENUE_ORDER_UPDATE', 'FILL', 'FUNDING_PAYMENT']) expect(kinds).toContain(kind);
    const review = Journal.openReadOnly(journal);
    const drift = review.query({ limit: 1000 }).events.filter((e) => e.kind === 'SCHEMA_DRIFT');
    review.close();
    expect(drift.map((e) => e.payload)).toEqual([{ source: 'rest', message: 'dydx fill', field: 'fee', change: 'missing' }]);
    expect(kinds).not.toContain('MALFORMED_MESSAGE');
  });

  it('dydx: a geo-block is reported as the venue refusing this region, recorded, and exits 1', async () => {
    const venue = await indexer();
    for (const path of [`/v4/addresses/${ADDRESS}/subaccountNumber/0`, '/v4/perpetualPositions', '/v4/orders', '/v4/fills']) {
      venue.route('GET', path, { status: 403, body: geoblocked });
    }
    const run = await blackbox(['watch', '--venue', 'dydx', '--address', ADDRESS, '--rest-url', restUrl(venue), '--once', '--json', '--journal', journal]);
    expect(run.code).toBe(1);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot.status).toBe('ok');
    expect(snapshot.errors.positions).toMatch(/^dYdX refuses this region or address \(HTTP 403 GEOBLOCKED\)/);
    expect(journaledKinds().filter((k) => k === 'VENUE_ERROR').length).toBeGreaterThanOrEqual(4);
  });

  it('hyperliquid: reads the address through /info, closed orders with the venue\'s reason and funding included', async () => {
    const now = Date.now();
    const replies = {
      ...defaultInfoReplies(),
      historicalOrders: { status: 200, body: [historical(restingOrder, 'open', now), historical(takeProfit, 'marginCanceled', now)] },
      userFunding: { status: 200, body: [{ ...userFundingItem, time: now - 60_000 }] },
    };
    const { venue } = await startFixtureApi(replies);
    servers.push(venue);
    const run = await blackbox(['watch', '--venue', 'hyperliquid', '--address', USER, '--rest-url', venue.origin, '--ws-url', venue.wsUrl, '--once', '--json', '--journal', journal]);
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({
      venue: 'hyperliquid', status: 'ok', errors: {},
      account: { accountValue: '13104.514502', maintenanceMarginRequirement: '125.0' },
      balances: [{ asset: 'USDC', size: '250.5' }],
      positions: [{ market: 'ETH', size: '-2.0724' }],
      openOrders: [{ venueOrderId: '1' }, { venueOrderId: '2' }],
      closedOrders: [{ venueOrderId: '2', type: 'TAKE_PROFIT_MARKET', cancelReason: 'marginCanceled' }],
      recentFunding: [{ market: 'ETH', amount: '0.062172', positionSize: '-2.0724', rate: '0.0000125' }],
    });
    expect(snapshot.unavailable.chainHeight).toBeDefined();
    expect(JSON.parse(venue.requests.find((r) => r.body.includes('userFunding'))!.body)).toMatchObject({ type: 'userFunding', user: USER, startTime: expect.any(Number) });
    expect(journaledKinds()).toContain('FUNDING_PAYMENT');
    // The take-profit has no cloid: it is journaled as an order placed outside Blackbox, keyed by its venue id.
    const review = Journal.openReadOnly(journal);
    const events = review.query({ limit: 1000 }).events;
    review.close();
    expect(events.filter((e) => e.kind === 'MALFORMED_MESSAGE')).toEqual([]);
    expect(events.filter((e) => e.kind === 'VENUE_ORDER_UPDATE' && e.venueOrderId === '2').map((e) => (e.payload as { status: string }).status)).toContain('CLOSED');
  });

  it('paradex with a key: balances, positions, open and recently closed orders (real history shape), fills and funding', async () => {
    const venue = await FixtureVenue.start();
    servers.push(venue);
    const now = Date.now();
    venue.route('GET', '/v1/system/config', { status: 200, body: { starknet_chain_id: 'PRIVATE_SN_PARACLEAR_MAINNET' } });
    venue.route('POST', '/v1/auth', { status: 200, body: { jwt_token: 'fixture-jwt' } });
    venue.route('GET', '/v1/account', { status: 200, body: account });
    venue.route('GET', '/v1/balance', { status: 200, body: { results: [{ token: 'USDC', size: '20000', last_updated_at: now }] } });
    venue.route('GET', '/v1/positions', { status: 200, body: { results: [longPosition] } });
    venue.route('GET', '/v1/orders', { status: 200, body: { results: [untriggeredOrder] } });
    venue.route('GET', '/v1/orders-history', { status: 200, body: page([{ ...historyOrder, last_updated_at: String(now) }, { ...closedOrder, last_updated_at: now }]) });
    venue.route('GET', '/v1/fills', { status: 200, body: page([{ ...paradexFill, created_at: now }]) });
    venue.route('GET', '/v1/funding/payments', { status: 200, body: page([{ ...fundingPayment, created_at: now }]) });
    const run = await blackbox(['watch', '--venue', 'paradex', '--address', '0x5137d0c0ffee', '--rest-url', venue.restUrl, '--once', '--json', '--journal', journal], '0x1234567890abcdef1234567890abcdef');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({
      venue: 'paradex', status: 'ok', errors: {},
      account: { accountValue: '20012.5', freeCollateral: '17500.25' },
      balances: [{ asset: 'USDC', size: '20000' }],
      positions: [{ market: 'BTC-USD-PERP', size: '0.5' }],
      openOrders: [{ clientId: 'tp-1', status: 'UNTRIGGERED' }],
      closedOrders: [
        { venueOrderId: '1721903808500201709220290000', instruction: null, cancelReason: 'ORDER_SIZE_BELOW_MIN' },
        { clientId: 'x1234', cancelReason: 'NOT_ENOUGH_MARGIN' },
      ],
      recentFills: [{ fillId: '8615262148007718463', price: '26000', size: '0.05' }],
      recentFunding: [{ market: 'SOL-USD-PERP', amount: '-0.01283411' }],
    });
    const privateCalls = venue.requests.filter((r) => r.path !== '/v1/auth' && r.path !== '/v1/system/config' && r.path !== '/v1/system/state');
    expect(privateCalls.map((r) => r.headers.authorization)).toEqual(privateCalls.map(() => 'Bearer fixture-jwt'));
    expect(venue.requests.find((r) => r.path === '/v1/funding/payments')?.query.get('start_at')).toMatch(/^\d+$/);
    for (const kind of ['ACCOUNT_SNAPSHOT', 'POSITION_SNAPSHOT', 'VENUE_ORDER_UPDATE', 'FILL', 'FUNDING_PAYMENT']) expect(journaledKinds()).toContain(kind);
  });

  it('paradex without credentials: the public state only, saying what is unavailable and why', async () => {
    const venue = await FixtureVenue.start();
    servers.push(venue);
    const run = await blackbox(['watch', '--venue', 'paradex', '--address', '0x5137d0c0ffee', '--rest-url', venue.restUrl, '--once', '--json', '--journal', journal]);
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({
      venue: 'paradex', status: 'ok', balances: null, positions: null, openOrders: null, closedOrders: null, recentFills: null, recentFunding: null, errors: {},
    });
    for (const what of ['balances', 'positions', 'closedOrders', 'recentFunding']) expect(snapshot.unavailable[what]).toContain('Starknet private key');
    expect(venue.requests.map((r) => r.path)).toEqual(['/v1/system/state']);
    expect(journaledKinds()).toEqual(['VENUE_STATUS']);
  });

  it.each([
    [['watch', '--address', ADDRESS], '--venue must be one of paradex, dydx, hyperliquid'],
    [['watch', '--venue', 'dydx'], '--address is required'],
    [['watch', '--venue', 'hyperliquid', '--address', 'dydx1nope'], 'is not a hyperliquid address'],
    [['watch', '--venue', 'dydx', '--address', ADDRESS, '--rest-url', 'ftp://x'], '--rest-url must start with http:// or https://'],
    [['watch', '--venue', 'dydx', '--address', ADDRESS, '--subaccount', '-1'], '--subaccount must be an integer'],
    [['watch', '--venue', 'dydx', '--address', ADDRESS, '--network', 'devnet'], '--network must be one of mainnet, testnet'],
  ])('bad input %j exits 2 with a message', async (args, message) => {
    const run = await blackbox(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('blackbox watch --once (text)', () => {
  it('names balances, each closed order with its reason, and the counts of fills and funding', () => {
    const text = describeSnapshot({
      venue: 'paradex', at: '2026-01-20T04:30:00.000Z', status: 'ok', account: null,
      balances: [{ asset: 'USDC', size: '20000', venueAt: null }], positions: [], openOrders: [],
      closedOrders: [
        { market: 'BTC-USD-PERP', side: 'BUY', size: '0.05', venueOrderId: 'o1', cancelReason: 'NOT_ENOUGH_MARGIN' },
        { market: 'ETH-USD-PERP', side: 'SELL', size: '1', venueOrderId: 'o2', cancelReason: null },
      ],
      recentFills: [{}], recentFunding: null, unavailable: { recentFunding: 'why not' }, errors: {},
    });
    expect(text.split('\n')).toEqual([
      'paradex at 2026-01-20T04:30:00.000Z',
      '  status:        ok',
      '  balances:      20000 USDC',
      '  positions:     0',
      '  open orders:   0',
      '  closed (24h):  2',
      '    BTC-USD-PERP BUY 0.05 o1: NOT_ENOUGH_MARGIN',
      '    ETH-USD-PERP SELL 1 o2: filled',
      '  fills (24h):   1',
      '  funding (24h): not read',
      '  unavailable recentFunding: why not',
    ]);
  });
});
