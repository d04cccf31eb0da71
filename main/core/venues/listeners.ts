/**
 * A listener set for adapter and feed events. A listener that throws must neither stop the
 * others nor unwind into the socket handler that delivered the message, so it is caught and
 * reported on stderr — one line when deliveries start failing (e.g. the journal cannot record)
 * and one when they succeed again (no failure for QUIET_MS), with the count of failed deliveries,
 * never a line per event. Logging is the only use of wall time here, so it is not the clock's.
 */
type Log = (line: string) => void;
const QUIET_MS = 5_000;

export class Listeners<E> {
  private readonly set = new Set<(event: E) => void>();
  private failing: { reason: string; count: number; lastAt: number } | null = null;

  constructor(
    private readonly log: Log = (line) => console.error(line),
    private readonly now: () => number = Date.now,
  ) {}

  add(listener: (event: E) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(event: E): void {
    let failed = false;
    for (const listener of this.set) {
      try {
        listener(event);
      } catch (error) {
        failed = true;
        this.failed(error);
      }
    }
    if (!failed && this.failing && this.now() - this.failing.lastAt >= QUIET_MS) {
      this.log(`event listeners recovered after ${this.failing.count} failed deliveries (${this.failing.reason})`);
      this.failing = null;
    }
  }

  private failed(error: unknown): void {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (this.failing?.reason === reason) {
      this.failing.count++;
      this.failing.lastAt = this.now();
      return;
    }
    if (this.failing) this.log(`event listeners: ${this.failing.count} deliveries failed with ${this.failing.reason}`);
    this.failing = { reason, count: 1, lastAt: this.now() };
    this.log(`event listener failed: ${reason}; further failures like it are counted, not logged`);
  }
}
