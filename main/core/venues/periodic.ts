/**
 * Runs an async task now and then every `intervalMs` on the injected clock, on a fixed cadence
 * (so a replay polls at the same virtual instants whatever the I/O took). Runs never overlap: a
 * tick that finds the previous run still waiting on a slow venue runs once it is done, and
 * further ticks meanwhile are folded into that one run.
 */
import type { Clock } from '../clock';

export class Periodic {
  private cancel: (() => void) | null = null;
  private inFlight = false;
  private owed = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
  ) {}

  start(): void {
    if (this.cancel) return;
    this.tick();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.owed = false;
  }

  private tick(): void {
    this.cancel = this.clock.setTimer(this.intervalMs, () => this.tick());
    if (this.inFlight) this.owed = true;
    else this.run();
  }

  private run(): void {
    this.inFlight = true;
    void this.task().finally(() => {
      this.inFlight = false;
      if (this.owed && this.cancel) {
        this.owed = false;
        this.run();
      }
    });
  }
}
