/**
 * For tests: a terminal on the demo simulator with the simulator in hand, so a test can put the
 * venue into a fault and see what order entry does, over real loopback sockets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../clock';
import { Journal } from '../../journal/journal';
import { binanceFeed } from '../../reference/binance';
import { coinbaseFeed } from '../../reference/coinbase';
import { krakenFeed } from '../../reference/kraken';
import { startDemoSimulator } from '../../sim/demo';
import type { Simulator } from '../../sim/simulator';
import { Terminal } from '../../terminal/terminal';
import { ParadexAdapter } from '../../venues/paradex/adapter';
import { SimDevAuthenticator } from '../../sim/dev-authenticator';

export async function terminalOnDemoSim(): Promise<{ terminal: Terminal; sim: Simulator; journal: Journal; close(): Promise<void> }> {
  const clock = systemClock;
  const sim = await startDemoSimulator({ clock });
  const { restUrl, wsUrl, rpcUrl } = sim.venue;
  const journal = Journal.open(join(mkdtempSync(join(tmpdir(), 'bb-orders-')), 'journal.db'), { clock });
  const venue = new ParadexAdapter({ restUrl, wsUrl, rpcUrl, markets: [], clock, auth: new SimDevAuthenticator({ restUrl, clock, timeoutMs: 2_000 }), requestTimeoutMs: 2_000 });
  const feeds = [coinbaseFeed({ baseUrl: sim.feeds.coinbase, clock }), krakenFeed({ baseUrl: sim.feeds.kraken, clock }), binanceFeed({ baseUrl: sim.feeds.binance, clock })];
  const terminal = new Terminal({ clock, journal, account: 'sim:local:test', venue, feeds, referencePollMs: 200, onClose: () => sim.stop() });
  await terminal.start();
  // The band needs an independent price: wait for the first quorum of samples.
  await new Promise<void>((resolve) => {
    const check = () => (terminal.referenceReading('BTC-USD-PERP').price !== null ? resolve() : setTimeout(check, 20));
    check();
  });
  return { terminal, sim, journal, close: () => terminal.close() };
}
