/**
 * Everything a replay runs, wired as the live app wires it, on one VirtualClock: the scenario's
 * simulator on loopback, the Paradex adapter, the simulator's reference feeds, the journal and
 * the terminal. `settle()` waits until the network is quiet and then lets the queued events in,
 * so each virtual instant ends in the same state on every run.
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
import { Terminal } from '../terminal/terminal';
import { ParadexAdapter } from '../venues/paradex/adapter';
import { SimDevAuthenticator } from '../venues/paradex/auth';

/** Poll cadences in virtual time: within the 5 s staleness rule and the 5 s detection target, no faster. */
const REFERENCE_POLL_MS = 4_000;
const STATUS_POLL_MS = 5_000;
const CHAIN_POLL_MS = 5_000;

export class ReplaySession {
  private constructor(
    readonly clock: VirtualClock,
    readonly sim: Simulator,
    readonly adapter: ParadexAdapter,
    readonly journal: Journal,
    readonly terminal: Terminal,
    private readonly gate: SettlingGate,
  ) {}

  static async start(scenario: Scenario, journalPath: string): Promise<ReplaySession> {
    const clock = new VirtualClock(scenario.start);
    // Pings run on real time and a replay races through virtual time: neither side needs them.
    const sim = await startScenarioSimulator(scenario, { clock, venue: { pingIntervalMs: 0 } });
    const { restUrl, wsUrl, rpcUrl } = sim.venue;
    const adapter = new ParadexAdapter({
      restUrl, wsUrl, rpcUrl, markets: [], clock,
      auth: new SimDevAuthenticator({ restUrl, clock, timeoutMs: 5_000 }),
      statusPollMs: STATUS_POLL_MS, chainPollMs: CHAIN_POLL_MS, idleTimeoutMs: null,
    });
    const journal = Journal.open(journalPath, { clock, commitClock: systemClock });
    const gate = new SettlingGate();
    let restoredIds = 0;
    const terminal = new Terminal({
      clock, journal, venue: adapter, gate, referencePollMs: REFERENCE_POLL_MS,
      feeds: [coinbaseFeed({ baseUrl: sim.feeds.coinbase, clock }), krakenFeed({ baseUrl: sim.feeds.kraken, clock }), binanceFeed({ baseUrl: sim.feeds.binance, clock })],
      newClientId: () => `T${++restoredIds}`,
    });
    const session = new ReplaySession(clock, sim, adapter, journal, terminal, gate);
    await terminal.start();
    await session.settle();
    return session;
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
      while (this.adapter.framesReceived() < this.sim.server.framesSent() && this.adapter.streaming()) await nextTurn();
      if (this.clock.busy) continue;
      if (this.gate.pending === 0) return;
      this.gate.flush();
    }
  }

  async close(): Promise<void> {
    await this.terminal.close();
    await this.sim.stop();
  }
}
