/**
 * Starts the terminal a host serves. With no configuration it trades on the embedded simulator
 * (a real Paradex-dialect server on loopback, playing a calm looping market) with the
 * simulator's three reference feeds, recording to `<dataDir>/journal.db`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { VenueFault } from '../../../shared/contract';
import { systemClock, type Clock } from '../clock';
import { Journal } from '../journal/journal';
import { binanceFeed } from '../reference/binance';
import { coinbaseFeed } from '../reference/coinbase';
import { krakenFeed } from '../reference/kraken';
import { riskSettingsFor } from '../risk/risk-settings';
import type { SettingsStore } from '../settings/settings';
import { startDemoSimulator } from '../sim/demo';
import { ParadexAdapter } from '../venues/paradex/adapter';
import { SimDevAuthenticator } from '../venues/paradex/auth';
import { Terminal } from './terminal';
import { TerminalSwitch } from './terminal-switch';

export interface StartTerminalOptions {
  dataDir: string;
  settings: SettingsStore;
  clock?: Clock;
}

export async function startTerminal(options: StartTerminalOptions): Promise<Terminal> {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true });
  const journal = Journal.open(join(options.dataDir, 'journal.db'), { clock });
  const sim = await startDemoSimulator({ clock });
  const { restUrl, wsUrl, rpcUrl } = sim.venue;
  const venue = new ParadexAdapter({
    restUrl,
    wsUrl,
    rpcUrl,
    markets: [],
    clock,
    auth: new SimDevAuthenticator({ restUrl, clock, timeoutMs: 5_000 }),
  });
  const feeds = [
    coinbaseFeed({ baseUrl: sim.feeds.coinbase, clock }),
    krakenFeed({ baseUrl: sim.feeds.kraken, clock }),
    binanceFeed({ baseUrl: sim.feeds.binance, clock }),
  ];
  // Test hooks reach the demo simulator's engine; only an e2e fixture sets the variable.
  const injectVenueFault = process.env.BLACKBOX_TEST_HOOKS === '1' ? (fault: VenueFault) => sim.engine.apply(fault) : undefined;
  const risk = (market: string) => riskSettingsFor(market, options.settings.get('risk'));
  const terminal = new Terminal({ clock, journal, venue, feeds, risk, onClose: () => sim.stop(), injectVenueFault });
  try {
    await terminal.start();
  } catch (error) {
    await terminal.close();
    throw error;
  }
  return terminal;
}

/** What a host serves: the live terminal, with live replays of the scenarios in `scenarioDir`. */
export async function startBlackbox(options: StartTerminalOptions & { scenarioDir: string }): Promise<TerminalSwitch> {
  return new TerminalSwitch(await startTerminal(options), options.scenarioDir, options.settings);
}
