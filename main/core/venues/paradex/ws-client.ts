/**
 * The Paradex WebSocket link (venue-apis.md §1.7): JSON-RPC 2.0 `auth` with a bearer token, one
 * `subscribe` per channel, then data frames. A lost link is retried with exponential backoff on
 * the injected clock and every channel is subscribed again. Protocol pings are answered by `ws`
 * itself; a link silent for longer than the venue's ping period is presumed dead.
 */
import WebSocket from 'ws';
import type { Clock } from '../../clock';
import type { JwtResult } from './auth';
import type { FrameJson } from './frames';
import { parseJson } from './parse';
import { rpcResponseSchema } from './schemas';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export type LinkEvent =
  | { state: 'up'; reason: string; attempt: number; retryInMs: null; raw: string | null; at: number }
  | { state: 'down'; reason: string; attempt: number; retryInMs: number; raw: string | null; at: number };

export interface WsClientOptions {
  url: string;
  clock: Clock;
  channels: readonly string[];
  getJwt(): Promise<JwtResult>;
  backoff: Backoff;
  handshakeTimeoutMs: number;
  /** null: never presume the link dead from silence alone. */
  idleTimeoutMs: number | null;
  onFrame(raw: string, json: FrameJson, at: number): void;
  onLink(event: LinkEvent): void;
}

type RpcAnswer = { raw: string; error: { code: number; message: string } | undefined };

/** One socket's life; a reconnect starts a new one so that late events of the old are ignored. */
interface Attempt {
  socket: WebSocket | null;
  failure: { reason: string; raw: string | null } | null;
  pending: Map<number, (answer: RpcAnswer) => void>;
  cancelHandshake: (() => void) | null;
  cancelIdle: (() => void) | null;
  lastSeen: number;
  /** Ends the attempt's tracked life on the clock: up and subscribed, or lost. */
  settled: () => void;
}

export function backoffDelay(backoff: Backoff, failures: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, failures - 1));
}

export class ParadexWsClient {
  private current: Attempt | null = null;
  private stopped = true;
  private failures = 0;
  private nextId = 0;
  private cancelRetry: (() => void) | null = null;
  private settleFirst: (() => void) | null = null;
  private closed: (() => void) | null = null;
  private received = 0;

  constructor(private readonly options: WsClientOptions) {}

  /** Frames read off every socket so far (a replay compares it with what the venue sent). */
  framesReceived(): number {
    return this.received;
  }

  /** True while a socket is open; frames can only still arrive then. */
  isOpen(): boolean {
    return this.current?.socket?.readyState === WebSocket.OPEN;
  }

  /** Resolves when the first attempt is up or has failed (the client keeps retrying after that). */
  start(): Promise<void> {
    if (!this.stopped) return Promise.resolve();
    this.stopped = false;
    return new Promise((resolve) => {
      this.settleFirst = resolve;
      void this.open();
    });
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.settle();
    const attempt = this.current;
    if (!attempt?.socket) return Promise.resolve();
    return new Promise((resolve) => {
      this.closed = resolve;
      attempt.socket?.terminate();
    });
  }

  private async open(): Promise<void> {
    let settled = () => {};
    this.options.clock.track?.(new Promise<void>((resolve) => (settled = resolve)));
    const attempt: Attempt = {
      socket: null, failure: null, pending: new Map(), cancelHandshake: null, cancelIdle: null, lastSeen: 0, settled,
    };
    this.current = attempt;
    const jwt = await this.options.getJwt();
    if (this.stopped || this.current !== attempt) return attempt.settled();
    if (!jwt.ok) return this.lost(attempt, jwt.reason, null);
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url);
    } catch (error) {
      return this.lost(attempt, `cannot open ${this.options.url}: ${(error as Error).message}`, null);
    }
    attempt.socket = socket;
    attempt.cancelHandshake = this.options.clock.setTimer(this.options.handshakeTimeoutMs, () =>
      this.fail(attempt, 'handshake timed out', null),
    );
    socket.on('open', () => void this.handshake(attempt, jwt.jwt));
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

  private async handshake(attempt: Attempt, jwt: string): Promise<void> {
    const auth = await this.call(attempt, 'auth', { bearer: jwt });
    if (auth.error) return this.fail(attempt, `auth rejected: ${auth.error.code} ${auth.error.message}`, auth.raw);
    const acks = await Promise.all(this.options.channels.map((channel) => this.call(attempt, 'subscribe', { channel })));
    const refused = acks.find((ack) => ack.error);
    if (refused?.error) return this.fail(attempt, `subscribe refused: ${refused.error.code} ${refused.error.message}`, refused.raw);
    if (this.current !== attempt || attempt.failure) return;
    attempt.cancelHandshake?.();
    attempt.cancelHandshake = null;
    this.armIdleWatch(attempt);
    const previousFailures = this.failures;
    this.failures = 0;
    this.options.onLink({
      state: 'up',
      reason: `authenticated and subscribed to ${this.options.channels.join(', ')}`,
      attempt: previousFailures + 1,
      retryInMs: null,
      raw: auth.raw,
      at: this.options.clock.now(),
    });
    attempt.settled();
    this.settle();
  }

  private call(attempt: Attempt, method: string, params: unknown): Promise<RpcAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      attempt.pending.set(id, resolve);
      attempt.socket?.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    });
  }

  private receive(attempt: Attempt, data: WebSocket.RawData, isBinary: boolean): void {
    this.received++;
    if (this.current !== attempt) return;
    const at = this.options.clock.now();
    attempt.lastSeen = at;
    const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) {
      this.options.onFrame(buffer.toString('base64'), { ok: false, problem: 'binary frame (base64), none was requested' }, at);
      return;
    }
    const raw = buffer.toString('utf8');
    const json = parseJson(raw);
    if (json.ok && this.answerPending(attempt, raw, json.value)) return;
    this.options.onFrame(raw, json, at);
  }

  private answerPending(attempt: Attempt, raw: string, value: unknown): boolean {
    // Data frames carry no id; checking that first keeps the hot path free of a schema parse.
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id !== 'number' || !attempt.pending.has(id)) return false;
    const response = rpcResponseSchema.safeParse(value);
    if (!response.success || typeof response.data.id !== 'number') return false;
    const resolve = attempt.pending.get(response.data.id);
    if (!resolve) return false;
    attempt.pending.delete(response.data.id);
    resolve({ raw, error: response.data.error });
    return true;
  }

  /** The venue pings every 55 s; silence well beyond that means a dead link nobody closed. */
  private armIdleWatch(attempt: Attempt): void {
    const { clock, idleTimeoutMs } = this.options;
    if (idleTimeoutMs === null) return;
    attempt.lastSeen = clock.now();
    const check = (): void => {
      attempt.cancelIdle = null;
      if (clock.now() - attempt.lastSeen >= idleTimeoutMs) {
        this.fail(attempt, `no frame or ping for ${idleTimeoutMs} ms`, null);
        return;
      }
      attempt.cancelIdle = clock.setTimer(idleTimeoutMs / 2, check);
    };
    attempt.cancelIdle = clock.setTimer(idleTimeoutMs / 2, check);
  }

  private fail(attempt: Attempt, reason: string, raw: string | null): void {
    attempt.failure ??= { reason, raw };
    attempt.socket?.terminate();
  }

  private lost(attempt: Attempt, reason: string, raw: string | null): void {
    attempt.cancelHandshake?.();
    attempt.cancelIdle?.();
    attempt.cancelHandshake = attempt.cancelIdle = null;
    attempt.pending.clear();
    attempt.settled();
    if (this.current !== attempt) return;
    this.current = null;
    if (this.stopped) {
      this.closed?.();
      this.closed = null;
      return;
    }
    this.failures += 1;
    const retryInMs = backoffDelay(this.options.backoff, this.failures);
    this.options.onLink({ state: 'down', reason, attempt: this.failures, retryInMs, raw, at: this.options.clock.now() });
    this.settle();
    this.cancelRetry = this.options.clock.setTimer(retryInMs, () => {
      this.cancelRetry = null;
      if (!this.stopped) void this.open();
    });
  }

  private settle(): void {
    this.settleFirst?.();
    this.settleFirst = null;
  }
}
