/**
 * A venue WebSocket that stays up: it sends its greeting (the subscriptions), counts the venue's
 * acknowledgements, and only then reports the link `up`. A lost link — closed, errored, silent
 * past the idle limit, or not acknowledged in time — is reported `down` with the delay before the
 * next attempt, taken on the injected clock with the same exponential backoff as Paradex. The
 * dialect reads every text frame; the link never drops one unread.
 */
import WebSocket from 'ws';
import type { Clock } from '../clock';
import { backoffDelay, type Backoff } from './paradex/ws-client';
import type { VenueEvent } from './port';

export interface FrameReading {
  events: VenueEvent[];
  /** The frame acknowledges one greeting message. */
  ack: boolean;
}

export interface StreamLinkOptions {
  url: string;
  clock: Clock;
  backoff: Backoff;
  handshakeTimeoutMs: number;
  /** null: never presume the link dead from silence alone. */
  idleTimeoutMs: number | null;
  /** Sent as soon as the socket opens; the link is up once each is acknowledged. */
  greeting: readonly string[];
  read(raw: string, at: number): FrameReading;
  /** Some venues close a link that sends nothing (Hyperliquid after about 60 s). */
  keepalive?: { everyMs: number; frame: string };
  emit(event: VenueEvent): void;
}

interface Attempt {
  socket: WebSocket;
  failure: { reason: string; raw: string | null } | null;
  acks: number;
  up: boolean;
  lastSeen: number;
  timers: Array<() => void>;
}

export class StreamLink {
  private current: Attempt | null = null;
  private stopped = true;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  private settleFirst: (() => void) | null = null;
  private closed: (() => void) | null = null;

  constructor(private readonly options: StreamLinkOptions) {}

  /** Resolves when the first attempt is up or has failed (the link keeps retrying after that). */
  start(): Promise<void> {
    if (!this.stopped) return Promise.resolve();
    this.stopped = false;
    return new Promise((resolve) => {
      this.settleFirst = resolve;
      this.open();
    });
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.settle();
    const attempt = this.current;
    if (!attempt) return Promise.resolve();
    return new Promise((resolve) => {
      this.closed = resolve;
      attempt.socket.terminate();
    });
  }

  private open(): void {
    const { url, clock, handshakeTimeoutMs } = this.options;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      this.retryLater(`cannot open ${url}: ${(error as Error).message}`, null);
      return;
    }
    const attempt: Attempt = { socket, failure: null, acks: 0, up: false, lastSeen: clock.now(), timers: [] };
    this.current = attempt;
    attempt.timers.push(clock.setTimer(handshakeTimeoutMs, () => {
      if (!attempt.up) this.fail(attempt, `no subscription acknowledgement within ${handshakeTimeoutMs} ms`, null);
    }));
    socket.on('open', () => {
      for (const frame of this.options.greeting) socket.send(frame);
      if (this.options.greeting.length === 0) this.markUp(attempt, null);
    });
    socket.on('message', (data, isBinary) => this.receive(attempt, data, isBinary));
    socket.on('ping', () => {
      attempt.lastSeen = this.options.clock.now();
    });
    socket.on('error', (error) => {
      attempt.failure ??= { reason: error.message, raw: null };
    });
    socket.on('close', (code, reason) => {
      const why = attempt.failure ?? { reason: `closed by venue (${code}${reason.length ? ` ${reason.toString()}` : ''})`, raw: null };
      this.lost(attempt, why.reason, why.raw);
    });
  }

  private receive(attempt: Attempt, data: WebSocket.RawData, isBinary: boolean): void {
    if (this.current !== attempt) return;
    const at = this.options.clock.now();
    attempt.lastSeen = at;
    const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) {
      const raw = buffer.toString('base64');
      this.options.emit({ kind: 'malformed', source: 'ws', problem: 'binary frame (base64), none was requested', at, venueAt: null, raw });
      return;
    }
    const raw = buffer.toString('utf8');
    const reading = this.options.read(raw, at);
    if (reading.ack && !attempt.up && ++attempt.acks >= this.options.greeting.length) this.markUp(attempt, raw);
    for (const event of reading.events) this.options.emit(event);
  }

  private markUp(attempt: Attempt, raw: string | null): void {
    if (this.current !== attempt || attempt.failure) return;
    attempt.up = true;
    this.watchIdle(attempt);
    this.keepAlive(attempt);
    const previousFailures = this.failures;
    this.failures = 0;
    const at = this.options.clock.now();
    const reason = `subscribed (${this.options.greeting.length} subscription${this.options.greeting.length === 1 ? '' : 's'} acknowledged)`;
    this.options.emit({ kind: 'connection', state: 'up', reason, attempt: previousFailures + 1, retryInMs: null, raw, at, venueAt: null });
    this.settle();
  }

  private watchIdle(attempt: Attempt): void {
    const { clock, idleTimeoutMs } = this.options;
    if (idleTimeoutMs === null) return;
    const check = (): void => {
      if (clock.now() - attempt.lastSeen >= idleTimeoutMs) {
        this.fail(attempt, `no frame or ping for ${idleTimeoutMs} ms`, null);
        return;
      }
      attempt.timers.push(clock.setTimer(idleTimeoutMs / 2, check));
    };
    attempt.timers.push(clock.setTimer(idleTimeoutMs / 2, check));
  }

  private keepAlive(attempt: Attempt): void {
    const { clock, keepalive } = this.options;
    if (!keepalive) return;
    const beat = (): void => {
      if (attempt.socket.readyState === WebSocket.OPEN) attempt.socket.send(keepalive.frame);
      attempt.timers.push(clock.setTimer(keepalive.everyMs, beat));
    };
    attempt.timers.push(clock.setTimer(keepalive.everyMs, beat));
  }

  private fail(attempt: Attempt, reason: string, raw: string | null): void {
    attempt.failure ??= { reason, raw };
    attempt.socket.terminate();
  }

  private lost(attempt: Attempt, reason: string, raw: string | null): void {
    for (const cancel of attempt.timers) cancel();
    attempt.timers = [];
    if (this.current !== attempt) return;
    this.current = null;
    if (this.stopped) {
      this.closed?.();
      this.closed = null;
      return;
    }
    this.retryLater(reason, raw);
  }

  private retryLater(reason: string, raw: string | null): void {
    this.failures += 1;
    const { clock, backoff } = this.options;
    const retryInMs = backoffDelay(backoff, this.failures);
    this.options.emit({ kind: 'connection', state: 'down', reason, attempt: this.failures, retryInMs, raw, at: clock.now(), venueAt: null });
    this.settle();
    this.cancelRetry = clock.setTimer(retryInMs, () => {
      this.cancelRetry = null;
      if (!this.stopped) this.open();
    });
  }

  private settle(): void {
    this.settleFirst?.();
    this.settleFirst = null;
  }
}
