/** Fault windows that end by themselves after a number of seconds on the engine's clock. */
import type { Clock } from '../clock';

export class TimedWindows {
  private readonly windows = new Map<string, () => void>();

  constructor(private readonly clock: Clock) {}

  /** Opens (or re-opens, from now) the window `key`; `onEnd` runs when it closes by itself. */
  open(key: string, seconds: number, onEnd: () => void): void {
    this.windows.get(key)?.();
    const cancel = this.clock.setTimer(seconds * 1000, () => {
      this.windows.delete(key);
      onEnd();
    });
    this.windows.set(key, cancel);
  }

  isOpen(key: string): boolean {
    return this.windows.has(key);
  }

  clear(): void {
    for (const cancel of this.windows.values()) cancel();
    this.windows.clear();
  }
}
