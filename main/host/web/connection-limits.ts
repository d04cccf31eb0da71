/**
 * What one WebSocket connection may ask of the host: calls in flight and calls per second
 * (a token bucket). Anything over is refused with a code the client can show, not queued.
 */
export const LIMITS: Limits = {
  /** Open WebSocket connections at once; the page needs one. More would multiply every pushed event. */
  maxConnections: 64,
  /** Larger frames close the connection (code 1009); no contract call needs more. */
  maxFrameBytes: 1024 * 1024,
  /** Calls waiting or running for one connection. */
  maxInFlight: 32,
  /** Sustained calls per second, with bursts up to `burst` (the page asks for ~20 at start). */
  callsPerSecond: 100,
  burst: 200,
  /** Refusals per second beyond which the connection is closed (code 1008): it is not a page. */
  maxRefusalsPerSecond: 1000,
};

export interface Limits {
  maxConnections: number;
  maxFrameBytes: number;
  maxInFlight: number;
  callsPerSecond: number;
  burst: number;
  maxRefusalsPerSecond: number;
}

export type Refusal = { code: 'TOO_MANY_IN_FLIGHT' | 'RATE_LIMITED'; message: string };

export class ConnectionLimits {
  private inFlight = 0;
  private tokens: number;
  private refilledAt: number;
  private refusalWindow = { startedAt: 0, count: 0 };

  constructor(
    private readonly now: () => number,
    private readonly limits: Limits = LIMITS,
  ) {
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  /** Takes a slot for a call, or says why not. Release the slot with `done`. */
  admit(): Refusal | null {
    if (this.inFlight >= this.limits.maxInFlight) {
      return { code: 'TOO_MANY_IN_FLIGHT', message: `At most ${this.limits.maxInFlight} calls may wait for an answer on one connection; wait for some answers first.` };
    }
    const now = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.callsPerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return { code: 'RATE_LIMITED', message: `More than ${this.limits.callsPerSecond} calls a second on one connection; slow down.` };
    this.tokens -= 1;
    this.inFlight++;
    return null;
  }

  done(): void {
    this.inFlight--;
  }

  /** Counts a refusal; true once the connection refuses to slow down and should be closed. */
  refusedTooOften(): boolean {
    const now = this.now();
    if (now - this.refusalWindow.startedAt >= 1000) this.refusalWindow = { startedAt: now, count: 0 };
    return ++this.refusalWindow.count > this.limits.maxRefusalsPerSecond;
  }
}
