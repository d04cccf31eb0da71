/**
 * A scenario played live for the trader to watch (DESIGN §12, "Replay incident…"): the same
 * session as `blackbox replay`, with virtual time running at `speed` × real time, steps applied
 * as their moment passes. It stops at the scenario's end and keeps showing that state.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../scenario/types';
import { ReplaySession } from './replay-session';
import { ScenarioPlayer } from './scenario-player';

export const MIN_SPEED = 1;
export const MAX_SPEED = 600;
/** Real milliseconds between advances of virtual time. */
const TICK_MS = 100;
/**
 * However fast virtual time runs, the page is told where the replay stands at least this often
 * in real time (virtual clock, status, journal count), and once more when it ends.
 */
const PULSE_MS = 500;

export class LiveReplay {
  private nextStep = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private finished = false;
  private running: Promise<void> | null = null;
  /** Real-time beat, independent of how long an advance of virtual time takes. */
  private pulses: NodeJS.Timeout | null = null;

  private constructor(
    readonly scenario: Scenario,
    readonly session: ReplaySession,
    private readonly player: ScenarioPlayer,
    private currentSpeed: number,
  ) {}

  static async start(scenario: Scenario, speed: number): Promise<LiveReplay> {
    const journalPath = join(mkdtempSync(join(tmpdir(), 'bb-live-replay-')), 'journal.db');
    const session = await ReplaySession.start(scenario, journalPath);
    const replay = new LiveReplay(scenario, session, new ScenarioPlayer(session), clampSpeed(speed));
    replay.pulses = setInterval(() => replay.pulse(), PULSE_MS);
    replay.schedule();
    return replay;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  get ended(): boolean {
    return this.finished;
  }

  /** Virtual time now, ms since epoch. */
  get now(): number {
    return this.session.clock.now();
  }

  setSpeed(speed: number): void {
    this.currentSpeed = clampSpeed(speed);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pulses) clearInterval(this.pulses);
    await this.running;
    await this.session.close();
  }

  private schedule(): void {
    if (this.stopped || this.finished) return;
    this.timer = setTimeout(() => {
      this.running = this.advance().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, TICK_MS);
  }

  private async advance(): Promise<void> {
    const { session, scenario } = this;
    const target = Math.min(scenario.until, session.clock.now() + TICK_MS * this.currentSpeed);
    for (; this.nextStep < scenario.steps.length && scenario.steps[this.nextStep].at <= target && !this.stopped; this.nextStep++) {
      const step = scenario.steps[this.nextStep];
      await session.advanceTo(step.at);
      await this.player.play(step);
      await session.settle();
    }
    if (this.stopped) return;
    await session.advanceTo(target);
    await session.settle();
    if (target >= scenario.until) {
      this.finished = true;
      if (this.pulses) clearInterval(this.pulses);
      this.pulse();
    }
  }

  private pulse(): void {
    if (!this.stopped) this.session.terminal.emit('snapshot', this.session.terminal.snapshot());
  }
}

function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return MIN_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, Math.round(speed)));
}
