/**
 * One journal, two accounts of the same dialect (two simulators on loopback): nothing of one is
 * read, checked or reconciled as the other's, switching between them raises nothing, and an
 * order placed on the venue's own REST without a client id is an external order with its fills.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { Journal } from '../journal/journal';
import { httpRequest } from '../venues/http';
import { binanceFeed } from '../reference/binance';
import { coinbaseFeed } from '../reference/coinbase';
import { krakenFeed } from '../reference/kraken';
import { startDemoSimulator } from '../sim/demo';
import { SimDevAuthenticator } from '../sim/dev-authenticator';
import type { Simulator } from '../sim/simulator';
import { ParadexAdapter } from '../venues/paradex/adapter';
import { Terminal } from './terminal';

const sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

async function terminalOn(sim: Simulator, path: string, account: string): Promise<Terminal> {
  const clock = systemClock;
  const { restUrl, wsUrl, rpcUrl } = sim.venue;
  const venue = new ParadexAdapter({ restUrl, wsUrl, rpcUrl, markets: [], clock, auth: new SimDevAuthenticator({ restUrl, clock, timeoutMs: 2_000 }), requestTimeoutMs: 2_000 });
  const feeds = [coinbaseFeed({ baseUrl: sim.feeds.coinbase, clock }), krakenFeed({ baseUrl: sim.feeds.kraken, clock }), binanceFeed({ baseUrl: sim.feeds.binance, clock })];
  const terminal = new Terminal({ clock, journal: Journal.open(path, { clock }), account, venue, feeds, referencePollMs: 100 });
  await terminal.start();
  await until(() => terminal.referenceReading('BTC-USD-PERP').price !== null, 'an independent price');
  return terminal;
}

async function buy(terminal: Terminal, size: string): Promise<string> {
  const outcome = await terminal.pipeline.place({ market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size, sizeUnit: 'base', postOnly: false, reduceOnly: false });
  expect(outcome.outcome).toBe('confirmed');
  return outcome.clientId as string;
}

describe('two accounts in one journal', () => {
  it('keeps orders, fills, positions, incidents and claims apart, and switching back and forth finds nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bb-accounts-')), 'journal.db');
    const simA = await startDemoSimulator({ clock: systemClock });
    const simB = await startDemoSimulator({ clock: systemClock });
    sims.push(simA, simB);

    let a = await terminalOn(simA, path, 'sim:local:A');
    const boughtA = await buy(a, '0.01');
    await until(() => a.parts.journal.positions({ account: 'sim:local:A' })[0]?.size === '0.01', 'A holds 0.01');
    await a.reconciler.request('test');
    await a.close();

    const b = await terminalOn(simB, path, 'sim:local:B');
    // B's reduce-only check reads B's position only: A's 0.01 long is not B's to reduce.
    const notB = await b.pipeline.place({ market: 'BTC-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.01', sizeUnit: 'base', postOnly: false, reduceOnly: true });
    expect(notB).toMatchObject({ outcome: 'denied', reason: expect.stringMatching(/no position to reduce/) });
    const boughtB = await buy(b, '0.02');
    await until(() => b.parts.journal.positions({ account: 'sim:local:B' })[0]?.size === '0.02', 'B holds 0.02');
    await b.reconciler.request('test');
    expect(b.journalOrders().map((o) => o.clientId)).toEqual([notB.clientId, boughtB]);
    expect(b.incidents.list()).toEqual([]);
    await b.close();

    a = await terminalOn(simA, path, 'sim:local:A');
    await a.reconciler.request('after the switch');
    expect(a.journalOrders().map((o) => o.clientId)).toEqual([boughtA]);
    expect(a.incidents.list()).toEqual([]);
    expect(a.claims.list()).toEqual([]);

    // An order placed on the venue's own REST, no client id: an external order with its fill.
    const jwt = await new SimDevAuthenticator({ restUrl: simA.venue.restUrl, clock: systemClock, timeoutMs: 2_000 }).getJwt();
    if (!jwt.ok) throw new Error(jwt.reason);
    const placed = await httpRequest(systemClock, {
      method: 'POST', url: `${simA.venue.restUrl}/orders`, timeoutMs: 2_000,
      headers: { authorization: `Bearer ${jwt.jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ market: 'BTC-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.004' }),
    });
    expect(placed.kind === 'response' ? placed.status : placed).toBe(201);
    await until(() => a.parts.journal.positions({ account: 'sim:local:A' })[0]?.size === '0.006', 'the external fill counted in A');
    await a.reconciler.request('after the external order');
    const external = a.journalOrders().filter((o) => o.origin === 'external');
    expect(external).toHaveLength(1);
    expect(external[0]).toMatchObject({ clientId: null, side: 'SELL', size: '0.004', filledSize: '0.004' });
    expect(a.parts.journal.fills({ account: 'sim:local:A' }).map((f) => [f.origin, f.size])).toEqual([['own', '0.01'], ['external', '0.004']]);
    expect(a.incidents.list()).toEqual([]);

    const journal = a.parts.journal;
    expect(journal.positions({ account: 'sim:local:B' }).map((p) => p.size)).toEqual(['0.02']);
    expect(journal.accounts()).toEqual(['sim:local:A', 'sim:local:B']);
    expect(journal.query({ kind: 'MALFORMED_MESSAGE', limit: 10 }).events).toEqual([]);
    expect((await journal.verify()).verified).toBe(true);
    await a.close();
  });
});
