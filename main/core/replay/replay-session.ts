/**
 * Everything a replay runs, wired as the live app wires it, on one VirtualClock: the scenario's
 * simulator on loopback, the Paradex adapter, the simulator's reference feeds, the journal and
 * the terminal. `settle()` waits until the network is quiet and then lets the queued events in,
 * so each virtual instant ends in the same state on every run. `restart()` stops the terminal
 * half (journal closed, sockets gone) and starts a new one on the same journal later, while the
 * simulator goes on.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { systemClock, VirtualClock } from '../clock';
import { Journal } from '../journal/journal';
import { binanceFeed } from '../reference/binance';
import { coinbaseFeed } from '../reference/coinbase';
import { krakenFeed } from '../reference/kraken';
import type { Scenario } from '../scenario/types';
import { startScenarioSimulator, type Simulator } from '../sim/simulator';
import { SettlingGate } from '../terminal/event-gate';
import { simulatorAccountId } from '../settings/account-id';
import { Terminal } from '../terminal/terminal';
import { ParadexAdapter } from '../venues/paradex/adapter';
import { SimDevAuthenticator } from '../sim/dev-authenticator';

/** Poll cadences in virtual time: within the 5 s staleness rule and the 5 s detection target, no faster. */
/** Every replay records as one simulated account. */
export const REPLAY_ACCOUNT = simulatorAccountId('replay');
const REFERENCE_POLL_MS = 4_000;
const STATUS_POLL_MS = 5_000;
const CHAIN_POLL_MS = 5_000;

/** The part of a session that a restart replaces. */
interface TerminalHalf {
  adapter: ParadexAdapter;
  journal: Journal;
  terminal: Terminal;
  gate: SettlingGate;
  /** Frames the venue had sent to earlier terminals when this one connected. */
  framesBefore: number;
}

export class ReplaySession {
  private half: TerminalHalf;
  /** False from a restart's stop until the new terminal has started. */
  private up = true;
  /** Client ids the terminal creates (restored orders); counted across restarts so none repeats. */
  private createdIds = 0;

  private constructor(
    readonly clock: VirtualClock,
    readonly sim: Simulator,
    readonly journalPath: string,
    /** Time-stamp authorities named for this replay (never the public defaults). */
    private readonly tsaUrls: readonly string[] = [],
  ) {
    this.half = this.buildHalf();
  }

  static async start(scenario: Scenario, journalPath: string, tsaUrls: readonly string[] = []): Promise<ReplaySession> {
    const clock = new VirtualClock(scenario.start);
    // Pings run on real time and a replay races through virtual time: neither side needs them.
    const sim = await startScenarioSimulator(scenario, { clock, venue: { pingIntervalMs: 0 } });
    const session = new ReplaySession(clock, sim, journalPath, tsaUrls);
    await session.terminal.start();
    await session.settle();
    return session;
  }

  get adapter(): ParadexAdapter {
    return this.half.adapter;
  }

  get journal(): Journal {
    return this.half.journal;
  }

  get terminal(): Terminal {
    return this.half.terminal;
  }

  /** Whether the terminal is running (false while a restart keeps it down). */
  get running(): boolean {
    return this.up;
  }

  /**
   * Stops the terminal now and starts a new one on the same journal `downSeconds` of virtual
   * time later. The start is tracked on the clock, so the settle after that instant waits for it.
   */
  async restart(downSeconds: number): Promise<void> {
    await this.stopTerminal();
    this.clock.setTimer(downSeconds * 1000, () => {
      this.half = this.buildHalf();
      this.clock.track(this.half.terminal.start().then(() => {
        this.up = true;
      }));
    });
  }

  /** Moves virtual time to `target`, one due instant at a time, settling after each. */
  async advanceTo(target: number): Promise<void> {
    for (let due = this.clock.nextDue(); due !== null && due <= target; due = this.clock.nextDue()) {
      this.clock.advanceTo(due);
      await this.settle();
    }
    this.clock.advanceTo(target);
  }

  /** Waits until no request or connection is in flight and every frame sent has been read. */
  async settle(): Promise<void> {
    for (;;) {
      await this.clock.whenIdle();
      const { adapter, gate, framesBefore } = this.half;
      while (adapter.framesReceived() + framesBefore < this.sim.server.framesSent() && adapter.streaming()) await nextTurn();
      if (this.clock.busy) continue;
      if (gate.pending === 0) return;
      gate.flush();
    }
  }

  async close(): Promise<void> {
    if (this.up) await this.terminal.close();
    await this.sim.stop();
  }

  private buildHalf(): TerminalHalf {
    const { clock, sim } = this;
    const { restUrl, wsUrl, rpcUrl } = sim.venue;
    const adapter = new ParadexAdapter({
      restUrl, wsUrl, rpcUrl, markets: [], clock,
      auth: new SimDevAuthenticator({ restUrl, clock, timeoutMs: 5_000 }),
      statusPollMs: STATUS_POLL_MS, chainPollMs: CHAIN_POLL_MS, idleTimeoutMs: null,
    });
    const journal = Journal.open(this.journalPath, { clock, commitClock: systemClock });
    const gate = new SettlingGate();
    const terminal = new Terminal({
      clock, journal, account: REPLAY_ACCOUNT, venue: adapter, gate, referencePollMs: REFERENCE_POLL_MS,
      feeds: [coinbaseFeed({ baseUrl: sim.feeds.coinbase, clock }), krakenFeed({ baseUrl: sim.feeds.kraken, clock }), binanceFeed({ baseUrl: sim.feeds.binance, clock })],
      newClientId: () => `T${++this.createdIds}`,
      tsaUrls: this.tsaUrls,
    });
    return { adapter, journal, terminal, gate, framesBefore: sim.server.framesSent() };
  }

  /** Settles, closes the terminal (journal and sockets) and waits until the venue has seen its sockets go. */
  private async stopTerminal(): Promise<void> {
    await this.settle();
    this.up = false;
    await this.terminal.close();
    while (this.sim.server.connections() > 0) await nextTurn();
  }
}
