import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../core/journal/journal';
import { restUrl, startFixtureIndexer } from '../../../core/venues/dydx/fixtures/fixture-indexer';
import type { LoopbackVenue } from '../../../core/venues/dydx/fixtures/loopback-venue';
import { ADDRESS, geoblocked, liquidatedFill, makerFill } from '../../../core/venues/dydx/fixtures/payloads';
import { startFixtureApi } from '../../../core/venues/hyperliquid/fixtures/fixture-api';
import { USER } from '../../../core/venues/hyperliquid/fixtures/payloads';
import { FixtureVenue } from '../../../core/venues/paradex/fixtures/fixture-venue';
import { packageRoot } from '../paths';

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

function blackbox(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin/blackbox.mjs'), ...args], {
      cwd: packageRoot, env: { ...process.env, BLACKBOX_DATA_DIR: dir, BLACKBOX_PARADEX_PRIVATE_KEY: '' },
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
  it('dydx: prints status, positions, open orders and recent fills, and journals them with the raw answers', async () => {
    const venue = await indexer();
    const recent = new Date().toISOString();
    venue.route('GET', '/v4/fills', { status: 200, body: { fills: [{ ...makerFill, createdAt: recent }, { ...liquidatedFill, createdAt: recent }] } });
    const run = await blackbox(['watch', '--venue', 'dydx', '--address', ADDRESS, '--rest-url', restUrl(venue), '--ws-url', venue.wsUrl, '--markets', 'BTC-USD,ETH-USD', '--once', '--json', '--journal', journal]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({
      venue: 'dydx', status: 'ok', errors: {},
      marketStatuses: [{ ticker: 'BTC-USD', status: 'ACTIVE' }, { ticker: 'ETH-USD', status: 'ACTIVE' }],
      account: { accountValue: '10000', maintenanceMarginRequirement: '111.03' },
      positions: [{ market: 'ETH-USD', size: '-2' }],
      openOrders: [{ clientId: '123', status: 'OPEN' }],
      recentFills: [{ fillType: 'FILL', clientId: '123' }, { fillType: 'LIQUIDATION' }],
    });
    const kinds = journaledKinds();
    for (const kind of ['VENUE_STATUS', 'ACCOUNT_SNAPSHOT', 'POSITION_SNAPSHOT', 'VENUE_ORDER_UPDATE', 'FILL']) expect(kinds).toContain(kind);
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

  it('hyperliquid: reads the address through /info', async () => {
    const { venue } = await startFixtureApi();
    servers.push(venue);
    const run = await blackbox(['watch', '--venue', 'hyperliquid', '--address', USER, '--rest-url', venue.origin, '--ws-url', venue.wsUrl, '--once', '--json', '--journal', journal]);
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({ venue: 'hyperliquid', status: 'ok', positions: [{ market: 'ETH', size: '-2.0724' }], openOrders: [{ venueOrderId: '1' }, { venueOrderId: '2' }] });
    expect(snapshot.unavailable.chainHeight).toBeDefined();
    // The take-profit has no cloid; the journal wants a client id on order records, so it is kept as evidence instead.
    const review = Journal.openReadOnly(journal);
    const refused = review.query({ limit: 1000 }).events.filter((e) => e.kind === 'MALFORMED_MESSAGE');
    review.close();
    expect(refused).toHaveLength(1);
    expect(refused[0].payload).toMatchObject({ problem: 'not journaled as order: VENUE_ORDER_UPDATE: clientId must name the order' });
  });

  it('paradex without credentials: the public state only, saying what is unavailable and why', async () => {
    const venue = await FixtureVenue.start();
    servers.push(venue);
    const run = await blackbox(['watch', '--venue', 'paradex', '--address', '0x5137d0c0ffee', '--rest-url', venue.restUrl, '--once', '--json', '--journal', journal]);
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot).toMatchObject({ venue: 'paradex', status: 'ok', positions: null, openOrders: null, recentFills: null, errors: {} });
    expect(snapshot.unavailable.positions).toContain('Starknet private key');
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
