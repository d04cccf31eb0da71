/**
 * Venue accounts end to end in main: saved through the contract, keys kept out of every file
 * and answer, the live terminal moved onto a dYdX indexer and a Paradex venue on loopback, and
 * back to the simulator — on one journal.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VenueSettingsView } from '../../../shared/venue-accounts';
import { dispatch } from '../api/dispatch';
import { Journal } from '../journal/journal';
import { confSettings } from '../settings/conf-settings';
import { memorySecretStore, type SecretStore } from '../settings/secret-store';
import { restUrl, startFixtureIndexer } from '../venues/dydx/fixtures/fixture-indexer';
import type { LoopbackVenue } from '../venues/dydx/fixtures/loopback-venue';
import { ADDRESS } from '../venues/dydx/fixtures/payloads';
import { revertedTransaction } from '../venues/paradex/fixtures/rest-payloads';
import { dataFrame } from '../venues/paradex/fixtures/ws-frames';
import { startBlackbox } from './start-terminal';
import type { TerminalSwitch } from './terminal-switch';
import { SCENARIO_DIR, callHost } from './test-support/host-call';
import { paradexAuthVenue } from './test-support/paradex-auth-venue';

const KEY = '0x1234567890abcdef1234567890abcdef';

/** A Paradex on loopback that accepts KEY only, closed after the test. */
async function paradexVenue() {
  const started = await paradexAuthVenue(KEY);
  servers.push(started.venue);
  return started;
}
const PARADEX_ACCOUNT = '0x5137d0c0ffee';
/** Nothing listens here: the reference tickers fail fast instead of reaching the internet. */
const NO_FEEDS = { coinbase: 'http://127.0.0.1:9', kraken: 'http://127.0.0.1:9', binance: 'http://127.0.0.1:9' };

let dataDir: string;
let host: TerminalSwitch | null;
let secrets: SecretStore;
const servers: Array<{ close(): Promise<void> | void }> = [];

async function open(): Promise<TerminalSwitch> {
  host = await startBlackbox({ dataDir, settings: confSettings(dataDir), secrets, scenarioDir: SCENARIO_DIR, referenceUrls: NO_FEEDS });
  return host;
}

const call = <T>(method: string, params: unknown): Promise<T> => callHost<T>(host!, method, params);

async function refused(method: string, params: unknown): Promise<{ code: string; message: string }> {
  const result = await dispatch(host!.handlers, method, params);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

const dydxAccount = (venue: LoopbackVenue) => ({
  label: 'Watch', venue: 'dydx', address: ADDRESS, markets: ['ETH-USD', 'BTC-USD'], sources: ['coinbase', 'kraken'],
  restUrl: restUrl(venue), wsUrl: venue.wsUrl,
});

/** Every file Blackbox wrote in its data folder, as text. */
const everythingOnDisk = () => readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('latin1')).join('\n');

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-accounts-'));
  secrets = memorySecretStore('memory only');
  await open();
});
afterEach(async () => {
  await host?.close();
  host = null;
  for (const server of servers.splice(0)) await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('venue accounts through the contract', () => {
  it('checks what is saved and says which field is wrong', async () => {
    expect(await refused('saveVenueAccount', { account: { label: 'x', venue: 'dydx', address: 'dydx1abc', markets: ['BTC-USD'], sources: ['coinbase'] } }))
      .toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('address') });
    expect(await refused('saveVenueAccount', { account: { label: 'x', venue: 'paradex', address: PARADEX_ACCOUNT, markets: ['BTC-USD-PERP'], sources: ['coinbase'] } }))
      .toMatchObject({ code: 'KEY_REQUIRED' });
    expect(await refused('saveVenueAccount', { account: { label: 'x', venue: 'dydx', address: ADDRESS, markets: ['BTC-USD'], sources: ['coinbase'] }, privateKey: KEY }))
      .toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('only Paradex') });
    expect(await refused('saveVenueAccount', { account: { label: 'x', venue: 'dydx', address: ADDRESS, markets: ['BTC-USD'], sources: ['coinbase'], wsUrl: 'http://x' } }))
      .toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('wsUrl') });
    expect((await call<VenueSettingsView>('getVenueSettings', {})).accounts).toEqual([]);
  });

  it('keeps a Paradex key for the signer only: never in the settings file, the journal or an answer', async () => {
    const { venue } = await paradexVenue();
    const saved = await call<VenueSettingsView>('saveVenueAccount', {
      account: { label: 'Main', venue: 'paradex', address: PARADEX_ACCOUNT, markets: ['BTC-USD-PERP'], sources: ['coinbase', 'kraken', 'binance'], restUrl: venue.restUrl, wsUrl: venue.wsUrl }, privateKey: KEY,
    });
    expect(saved.accounts).toEqual([expect.objectContaining({ id: 'A1', venue: 'paradex', mode: 'trade', hasKey: true })]);
    expect(saved.secrets).toEqual({ kind: 'memory', note: 'memory only' });
    expect(JSON.stringify(saved)).not.toContain(KEY.slice(2));
    // Editing without a key keeps the one held; the view never had it.
    const edited = await call<VenueSettingsView>('saveVenueAccount', { id: 'A1', account: { label: 'Main 2', venue: 'paradex', address: PARADEX_ACCOUNT, markets: ['ETH-USD-PERP'], sources: ['coinbase'] } });
    expect(edited.accounts[0]).toMatchObject({ label: 'Main 2', hasKey: true });
    host!.live.parts.journal.flush();
    expect(everythingOnDisk()).not.toContain(KEY.slice(2));
    expect(secrets.read('A1')).toBe(KEY);
    await call('removeVenueAccount', { id: 'A1' });
    expect(secrets.has('A1')).toBe(false);
  });

  it('signs in once with a new Paradex key before holding it: a key Paradex refuses, or one it could not check, is not saved', async () => {
    const { venue, verified } = await paradexVenue();
    const account = { label: 'Main', venue: 'paradex', address: PARADEX_ACCOUNT, markets: ['BTC-USD-PERP'], sources: ['coinbase'], restUrl: venue.restUrl, wsUrl: venue.wsUrl };
    const wrong = '0x0badbadbadbadbadbadbadbadbadbad1';
    expect(await refused('saveVenueAccount', { account, privateKey: wrong })).toMatchObject({ code: 'KEY_REJECTED', message: expect.stringContaining('INVALID_SIGNATURE') });
    expect(verified).toEqual([false]);
    const unreachable = { ...account, restUrl: 'http://127.0.0.1:9/v1', wsUrl: 'ws://127.0.0.1:9' };
    expect(await refused('saveVenueAccount', { account: unreachable, privateKey: KEY })).toMatchObject({ code: 'KEY_NOT_CHECKED', message: expect.stringContaining('Connection refused') });
    expect((await call<VenueSettingsView>('getVenueSettings', {})).accounts).toEqual([]);
    expect(secrets.has('A1')).toBe(false);
    const saved = await call<VenueSettingsView>('saveVenueAccount', { account, privateKey: KEY });
    expect(saved.accounts).toEqual([expect.objectContaining({ hasKey: true })]);
    expect(verified).toEqual([false, true]);
  });

  it('runs the live terminal on a dYdX account watched by address, refuses orders there, and goes back to the simulator', async () => {
    const indexer = await startFixtureIndexer();
    servers.push(indexer);
    const { accounts } = await call<VenueSettingsView>('saveVenueAccount', { account: dydxAccount(indexer) });
    const used = await call<VenueSettingsView>('useVenueAccount', { id: accounts[0].id });
    expect(used).toMatchObject({ active: 'A1', notice: null });
    await vi.waitFor(async () => {
      const snapshot = await call<{ venue: Record<string, unknown>; positions: Array<{ market: string; size: string }>; markets: Array<{ symbol: string }> }>('getSnapshot', {});
      expect(snapshot.venue).toMatchObject({ name: 'dydx', account: 'Watch · dYdX mainnet', watchOnly: true, connection: 'connected' });
      expect(snapshot.positions).toEqual([expect.objectContaining({ market: 'ETH-USD', size: '-2' })]);
      expect(snapshot.markets.map((m) => m.symbol).sort()).toEqual(['BTC-USD', 'ETH-USD']);
    });
    expect(await refused('placeOrder', { market: 'ETH-USD', side: 'BUY', type: 'LIMIT', size: '1', price: '1900' })).toMatchObject({ code: 'WATCH_ONLY' });
    // A frame the adapter cannot read is journalled raw and shows among the incidents.
    indexer.broadcast('{"type":"channel_data","channel":"v4_markets"');
    await vi.waitFor(async () => {
      const incidents = await call<Array<{ kind: string; evidence: number[] }>>('listIncidents', {});
      const unreadable = incidents.find((i) => i.kind === 'MALFORMED_MESSAGE');
      expect(unreadable).toBeDefined();
      const [record] = await call<Array<{ raw: string | null }>>('getJournalEvents', { seqs: unreadable!.evidence });
      expect(record.raw).toBe('{"type":"channel_data","channel":"v4_markets"');
    });
    expect(await refused('removeVenueAccount', { id: 'A1' })).toMatchObject({ code: 'IN_USE' });
    expect(indexer.requests.some((r) => r.path === `/v4/addresses/${ADDRESS}/subaccountNumber/0`)).toBe(true);

    // A restart resumes on the account chosen last.
    await host!.close();
    await open();
    expect((await call<{ venue: { account: string } }>('getSnapshot', {})).venue.account).toBe('Watch · dYdX mainnet');

    expect(await call<VenueSettingsView>('useVenueAccount', { id: null })).toMatchObject({ active: null });
    expect((await call<{ venue: { account: string; watchOnly: boolean } }>('getSnapshot', {})).venue).toMatchObject({ account: 'Simulator', watchOnly: false });
    const journalPath = host!.journalPath;
    await host!.close();
    host = null;
    const review = Journal.openReadOnly(journalPath);
    try {
      const events = [];
      for (let page = review.query({ limit: 1_000 }); ; page = review.query({ limit: 1_000, afterSeq: events.at(-1)!.seq })) {
        events.push(...page.events);
        if (!page.more) break;
      }
      const venues = new Set(events.map((e) => e.venue));
      expect(venues.has('dydx') && venues.has('paradex')).toBe(true);
      // The fixture's account held -2 ETH-USD from fills older than Blackbox's first look: the
      // first reconciliation records that as its opening position, not as a drift.
      const opening = events.filter((e) => e.kind === 'OPENING_POSITION');
      expect(opening.map((e) => [e.account, e.market, (e.payload as { size: string }).size])).toEqual([[expect.stringMatching(/^dydx:mainnet:dydx1/), 'ETH-USD', '-2']]);
      expect(events.filter((e) => e.kind === 'INCIDENT_OPENED').map((e) => (e.payload as { incidentKind: string }).incidentKind)).not.toContain('POSITION_DRIFT');
      expect(events.some((e) => e.kind === 'ORDER_INTENT')).toBe(false);
      expect((await review.verify()).verified).toBe(true);
    } finally {
      review.close();
    }
  });

  it('signs in to Paradex with the held key, and after a restart with the key gone runs the simulator and says why', async () => {
    const { venue, verified } = await paradexVenue();
    await call('saveVenueAccount', {
      account: { label: 'Main', venue: 'paradex', address: PARADEX_ACCOUNT, markets: ['BTC-USD-PERP'], sources: ['coinbase'], restUrl: venue.restUrl, wsUrl: venue.wsUrl },
      privateKey: KEY,
    });
    await call('useVenueAccount', { id: 'A1' });
    expect(verified).toContain(true);
    expect(verified).not.toContain(false);
    expect((await call<{ venue: Record<string, unknown> }>('getSnapshot', {})).venue).toMatchObject({ name: 'paradex', account: 'Main · Paradex mainnet', watchOnly: false });

    // A settlement the chain reverted is journalled and becomes an incident at once.
    venue.broadcast(dataFrame('transaction', revertedTransaction));
    await vi.waitFor(async () => {
      const incidents = await call<Array<{ kind: string; evidence: number[] }>>('listIncidents', {});
      const failed = incidents.find((i) => i.kind === 'SETTLEMENT_FAILED');
      expect(failed).toBeDefined();
      const [record] = await call<Array<{ kind: string; payload: unknown }>>('getJournalEvents', { seqs: failed!.evidence });
      expect(record).toMatchObject({ kind: 'TRANSACTION_STATE', payload: { id: revertedTransaction.id, state: 'REVERTED' } });
    });

    await host!.close();
    secrets = memorySecretStore('memory only');
    await open();
    const view = await call<VenueSettingsView>('getVenueSettings', {});
    expect(view).toMatchObject({ active: null, notice: expect.stringContaining('no key for Main') });
    expect(view.accounts[0].hasKey).toBe(false);
    expect((await call<{ venue: { account: string } }>('getSnapshot', {})).venue.account).toBe('Simulator');
    expect(await refused('useVenueAccount', { id: 'A1' })).toMatchObject({ code: 'KEY_REQUIRED' });
  });
});
