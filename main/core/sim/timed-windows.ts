/** Fault windows that end by themselves after a number of seconds on the engine's clock. */
import type { Clock } from '../clock';

export class TimedWindows {
  private readonly windows = new Map<string, { until: number; cancel: () => void }>();

  constructor(private readonly clock: Clock) {}

  /** Opens (or re-opens, from now) the window `key`; `onEnd` runs when it closes by itself. */
  open(key: string, seconds: number, onEnd: () => void): void {
    this.windows.get(key)?.cancel();
    const cancel = this.clock.setTimer(seconds * 1000, () => {
      this.windows.delete(key);
      onEnd();
    });
    this.windows.set(key, { until: this.clock.now() + seconds * 1000, cancel });
  }

  isOpen(key: string): boolean {
    return this.windows.has(key);
  }

  until(key: string): number | null {
    return this.windows.get(key)?.until ?? null;
  }

  clear(): void {
    for (const w of this.windows.values()) w.cancel();
    this.windows.clear();
  }
}
