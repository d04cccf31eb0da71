/**
 * A venue WebSocket that stays up, for every dialect: before each socket it builds its greeting
 * (Paradex signs in with a fresh token), sends it stage by stage — each stage's frames all
 * acknowledged before the next goes — and only then reports the link `up`. A lost link — closed,
 * errored, silent past the idle limit, refused or not acknowledged in time — is reported `down`
 * with the delay before the next attempt, taken on the injected clock with exponential backoff.
 * The dialect reads every text frame; the link never drops one unread.
 */
import WebSocket from 'ws';
import type { Clock } from '../clock';
import type { VenueEvent } from './port';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export function backoffDelay(backoff: Backoff, failures: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, failures - 1));
}

export interface FrameReading {
  events: VenueEvent[];
  /** The frame acknowledges one greeting message. */
  ack: boolean;
  /** The frame refuses a greeting message, in these words: the attempt has failed. */
  refused?: string;
}

/** What a socket says first, or why it cannot be said (e.g. no token). */
export type Greeting = { ok: true; stages: string[][]; upReason?: string } | { ok: false; reason: string };

export interface StreamLinkOptions {
  url: string;
  clock: Clock;
  backoff: Backoff;
  handshakeTimeoutMs: number;
  /** null: never presume the link dead from silence alone. */
  idleTimeoutMs: number | null;
  /** Built afresh for each socket. */
  greeting(): Greeting | Promise<Greeting>;
  read(raw: string, at: number): FrameReading;
  /** Some venues close a link that sends nothing (Hyperliquid after about 60 s). */
  keepalive?: { everyMs: number; frame: string };
  emit(event: VenueEvent): void;
}

/** One socket's life; a reconnect starts a new one so that late events of the old are ignored. */
interface Attempt {
  socket: WebSocket | null;
  failure: { reason: string; raw: string | null } | null;
  stages: string[][];
  stage: number;
  acks: number;
  up: boolean;
  lastSeen: number;
  timers: Array<() => void>;
  cancelHandshake: () => void;
  /** Ends the attempt's tracked life on the clock (a replay waits for it): up, or lost. */
  settled: () => void;
}

export class StreamLink {
  private current: Attempt | null = null;
  private stopped = true;
  private failures = 0;
  private received = 0;
  private cancelRetry: (() => void) | null = null;
  private settleFirst: (() => void) | null = null;
  private closed: (() => void) | null = null;

  constructor(private readonly options: StreamLinkOptions) {}

  /** Frames read off every socket so far (a replay compares it with what the venue sent). */
  framesReceived(): number {
    return this.received;
  }

  /** True while a socket is open; frames can only still arrive then. */
  isOpen(): boolean {
    return this.current?.socket?.readyState === WebSocket.OPEN;
  }

  /** Resolves when the first attempt is up or has failed (the link keeps retrying after that). */
  start(): Promise<void> {
    if (!this.stopped) return Promise.resolve();
    this.stopped = false;
    return new Promise((resolve) => {
      this.settleFirst = resolve;
      void this.open();
    });
  }

  /**
   * Starts the next attempt now rather than at its scheduled time (the trader's "Retry now").
   * False when no attempt is waiting: the link is up, connecting, or stopped.
   */
  retryNow(): boolean {
    if (this.stopped || !this.cancelRetry) return false;
    this.cancelRetry();
    this.cancelRetry = null;
    void this.open();
    return true;
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.settle();
    const socket = this.current?.socket;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      this.closed = resolve;
      socket.terminate();
    });
  }

  private async open(): Promise<void> {
    const { url, clock, handshakeTimeoutMs } = this.options;
    let settled = () => {};
    clock.track?.(new Promise<void>((resolve) => (settled = resolve)));
    const attempt: Attempt = {
      socket: null, failure: null, stages: [], stage: 0, acks: 0, up: false, lastSeen: clock.now(), timers: [], cancelHandshake: () => {}, settled,
    };
    this.current = attempt;
    const greeting = await this.options.greeting();
    if (this.stopped || this.current !== attempt) return attempt.settled();
    if (!greeting.ok) return this.lost(attempt, greeting.reason, null);
    attempt.stages = greeting.stages.filter((stage) => stage.length > 0);
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      return this.lost(attempt, `cannot open ${url}: ${(error as Error).message}`, null);
    }
    attempt.socket = socket;
    attempt.cancelHandshake = clock.setTimer(handshakeTimeoutMs, () => {
      this.fail(attempt, `no subscription acknowledgement within ${handshakeTimeoutMs} ms`, null);
    });
    attempt.timers.push(attempt.cancelHandshake);
    socket.on('open', () => this.sendStage(attempt, greeting.upReason, null));
    socket.on('message', (data, isBinary) => this.receive(attempt, data, isBinary, greeting.upReason));
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

  /** Sends the attempt's current stage, or marks the link up once no stage is left. */
  private sendStage(attempt: Attempt, upReason: string | undefined, raw: string | null): void {
    const stage = attempt.stages[attempt.stage];
    if (!stage) return this.markUp(attempt, upReason, raw);
    attempt.acks = 0;
    for (const frame of stage) attempt.socket?.send(frame);
  }

  private receive(attempt: Attempt, data: WebSocket.RawData, isBinary: boolean, upReason: string | undefined): void {
    this.received++;
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
    if (!attempt.up && reading.refused !== undefined) this.fail(attempt, reading.refused, raw);
    else if (reading.ack && !attempt.up && ++attempt.acks >= (attempt.stages[attempt.stage]?.length ?? 0)) {
      attempt.stage += 1;
      this.sendStage(attempt, upReason, raw);
    }
    for (const event of reading.events) this.options.emit(event);
  }

  private markUp(attempt: Attempt, upReason: string | undefined, raw: string | null): void {
    if (this.current !== attempt || attempt.failure) return;
    attempt.up = true;
    attempt.cancelHandshake();
    this.watchIdle(attempt);
    this.keepAlive(attempt);
    const previousFailures = this.failures;
    this.failures = 0;
    const at = this.options.clock.now();
    const count = attempt.stages.reduce((n, stage) => n + stage.length, 0);
    const reason = upReason ?? `subscribed (${count} subscription${count === 1 ? '' : 's'} acknowledged)`;
    this.options.emit({ kind: 'connection', state: 'up', reason, attempt: previousFailures + 1, retryInMs: null, raw, at, venueAt: null });
    attempt.settled();
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
      if (attempt.socket?.readyState === WebSocket.OPEN) attempt.socket.send(keepalive.frame);
      attempt.timers.push(clock.setTimer(keepalive.everyMs, beat));
    };
    attempt.timers.push(clock.setTimer(keepalive.everyMs, beat));
  }

  private fail(attempt: Attempt, reason: string, raw: string | null): void {
    attempt.failure ??= { reason, raw };
    attempt.socket?.terminate();
  }

  private lost(attempt: Attempt, reason: string, raw: string | null): void {
    for (const cancel of attempt.timers) cancel();
    attempt.timers = [];
    attempt.settled();
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
      if (!this.stopped) void this.open();
    });
  }

  private settle(): void {
    this.settleFirst?.();
    this.settleFirst = null;
  }
}
