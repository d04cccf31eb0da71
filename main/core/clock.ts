/** All core code takes time from a Clock so that replays run on virtual time (DESIGN §5). */
export interface Clock {
  now(): number;
  /** Runs fn once after ms; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /**
   * Registers network work in flight (a request, a connection attempt) so that a replay can wait
   * until the network is quiet before moving virtual time on. Real clocks ignore it.
   */
  track?(work: Promise<unknown>): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

interface PendingTimer {
  due: number;
  order: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. Timers fire in (due time, creation order) so a replay
 * is deterministic; while a timer runs, now() is its due time.
 */
export class VirtualClock implements Clock {
  private current: number;
  private created = 0;
  private pending: PendingTimer[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: PendingTimer = { due: this.current + Math.max(0, ms), order: this.created++, fn };
    this.pending.push(timer);
    return () => {
      this.pending = this.pending.filter((t) => t !== timer);
    };
  }

  track(work: Promise<unknown>): void {
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    work.then(done, done);
  }

  /** Resolves once no tracked work is in flight. */
  whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** The due time of the next timer, or null when none is pending. */
  nextDue(): number | null {
    return this.pending.length === 0 ? null : Math.min(...this.pending.map((t) => t.due));
  }

  /** Fires, in order, every timer due at or before `target`, then rests at `target`. */
  advanceTo(target: number): void {
    if (target < this.current) throw new Error(`virtual clock cannot go back (${this.current} → ${target})`);
    for (;;) {
      const next = this.takeNextDue(target);
      if (!next) break;
      this.current = next.due;
      next.fn();
    }
    this.current = target;
  }

  private takeNextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.pending) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.order < best.order)) best = t;
    }
    if (best) this.pending = this.pending.filter((t) => t !== best);
    return best;
  }
}
