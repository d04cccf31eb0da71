/**
 * Starts the terminal a host serves, recording to `<dataDir>/journal.db`: on a venue account the
 * trader added in Settings, or — with none chosen — on the embedded simulator (a real
 * Paradex-dialect server on loopback, playing a calm looping market) with its three feeds.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { VenueFault } from '../../../shared/contract';
import type { ReferenceSource } from '../../../shared/venue-accounts';
import { tsaUrlsFor } from '../anchor/tsa-config';
import { systemClock, type Clock } from '../clock';
import { Journal } from '../journal/journal';
import { binanceFeed } from '../reference/binance';
import { coinbaseFeed } from '../reference/coinbase';
import { feedsForAccount } from '../reference/feeds-for-account';
import { krakenFeed } from '../reference/kraken';
import { riskSettingsFor } from '../risk/risk-settings';
import { accountIdOf, simulatorAccountId } from '../settings/account-id';
import { memorySecretStore, MEMORY_ONLY_NOTE, type SecretStore } from '../settings/secret-store';
import type { SettingsStore } from '../settings/settings';
import { missingKeyNotice, startFailedNotice, VenueAccountBook, type LiveAccount } from '../settings/venue-account-book';
import { startDemoSimulator } from '../sim/demo';
import type { Simulator } from '../sim/simulator';
import { accountLabel, adapterForAccount } from '../venues/account-adapter';
import { ParadexAdapter } from '../venues/paradex/adapter';
import { SimDevAuthenticator } from '../sim/dev-authenticator';
import { Terminal } from './terminal';
import { TerminalSwitch } from './terminal-switch';

export interface StartTerminalOptions {
  dataDir: string;
  settings: SettingsStore;
  /** Where venue keys are kept; in memory only when the host has nothing better. */
  secrets?: SecretStore;
  /** Other hosts for the public reference tickers (tests point them at loopback). */
  referenceUrls?: Partial<Record<ReferenceSource, string>>;
  clock?: Clock;
  /**
   * Set by a host (serve, Electron) to anchor the journal head: `--tsa` flags, else
   * BLACKBOX_TSA_URLS, else Settings, else the public defaults for a real account (none for the
   * simulator). Absent (tests): nothing is anchored.
   */
  anchoring?: { flags?: readonly string[] };
}

function tsaUrls(options: StartTerminalOptions, realAccount: boolean): string[] {
  if (!options.anchoring) return [];
  const settings = realAccount ? options.settings.get('tsaUrls') : null;
  return tsaUrlsFor({ flags: options.anchoring.flags, env: process.env.BLACKBOX_TSA_URLS, settings, realAccount });
}

/** `simulator`: one kept by the caller (it outlives the terminal); else the terminal starts and stops its own. */
export async function startTerminal(options: StartTerminalOptions, live: LiveAccount | null = null, simulator?: Simulator): Promise<Terminal> {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true });
  const journal = Journal.open(join(options.dataDir, 'journal.db'), { clock });
  const risk = (market: string) => riskSettingsFor(market, options.settings.get('risk'));
  if (live) {
    const { account, key } = live;
    const venue = adapterForAccount(account, key, clock);
    const feeds = feedsForAccount(account, clock, options.referenceUrls);
    return started(new Terminal({ clock, journal, account: accountIdOf(account), venue, feeds, risk, label: accountLabel(account), markets: account.markets, tsaUrls: tsaUrls(options, true) }));
  }
  const sim = simulator ?? (await startDemoSimulator({ clock }));
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
  return started(new Terminal({
    clock, journal, account: simulatorAccountId('Simulator'), venue, feeds, risk, label: 'Simulator', onClose: simulator ? undefined : () => sim.stop(), injectVenueFault, tsaUrls: tsaUrls(options, false),
  }));
}

async function started(terminal: Terminal): Promise<Terminal> {
  try {
    await terminal.start();
  } catch (error) {
    await terminal.close();
    throw error;
  }
  return terminal;
}

/**
 * What a host serves: the live terminal on the account chosen last (the simulator when none is,
 * or when that account's key is gone), with live replays of the scenarios in `scenarioDir`.
 */
export async function startBlackbox(options: StartTerminalOptions & { scenarioDir: string }): Promise<TerminalSwitch> {
  const secrets = options.secrets ?? memorySecretStore(MEMORY_ONLY_NOTE);
  const accounts = new VenueAccountBook(options.settings, secrets);
  // One simulator for the host's life: switching away and back finds its orders and positions as they were.
  let simulator: Promise<Simulator> | null = null;
  const keptSimulator = () =>
    (simulator ??= startDemoSimulator({ clock: options.clock ?? systemClock }).catch((error: unknown) => {
      simulator = null; // a simulator that failed to start is tried again on the next switch
      throw error;
    }));
  const start = async (live: LiveAccount | null) => startTerminal({ ...options, secrets }, live, live ? undefined : await keptSimulator());
  const active = options.settings.get('activeAccount');
  const chosen = active === null ? undefined : accounts.get(active);
  const live = chosen && accounts.liveAccount(chosen);
  let notice = chosen && !live ? missingKeyNotice(chosen.label) : null;
  let terminal: Terminal;
  try {
    terminal = await start(live ?? null);
  } catch (error) {
    // An account that cannot start must not keep the app from starting: the simulator runs instead.
    if (!live) throw error;
    notice = startFailedNotice(accountLabel(live.account), error);
    terminal = await start(null);
  }
  const stopSimulator = async () => (await simulator)?.stop();
  return new TerminalSwitch({ live: terminal, scenarioDir: options.scenarioDir, settings: options.settings, accounts, start, notice, onClose: stopSimulator, anchoring: options.anchoring });
}
