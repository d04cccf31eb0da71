/**
 * Runs an async task now and then again `intervalMs` after each run finishes, on the injected
 * clock. Runs never overlap, so a slow venue cannot pile up requests.
 */
import type { Clock } from '../clock';

export class Periodic {
  private cancel: (() => void) | null = null;
  /** Bumped by start and stop so a run still in flight from an earlier start schedules nothing. */
  private generation = 0;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.cancel?.();
    this.cancel = null;
  }

  private async run(generation: number): Promise<void> {
    this.cancel = null;
    await this.task();
    if (generation !== this.generation) return;
    this.cancel = this.clock.setTimer(this.intervalMs, () => void this.run(generation));
  }
}
