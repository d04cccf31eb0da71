/**
 * The Paradex side of the shared stream link (venue-apis.md §1.7): each socket signs in with a
 * fresh JWT (JSON-RPC `auth`), then subscribes every channel; the answers to those requests are
 * matched by id, and everything else is a data frame for ./frames.
 */
import type { DriftNotices } from '../common/drift';
import { parseJson } from '../common/parsed';
import type { FrameReading, Greeting } from '../stream-link';
import type { JwtResult } from './auth';
import { eventsFromFrame } from './frames';
import { rpcResponseSchema } from './schemas';

export class ParadexStreamGreeting {
  private nextId = 0;
  /** The greeting's requests still unanswered, by id: `auth` or the channel subscribed. */
  private readonly expected = new Map<number, string>();

  constructor(
    private readonly channels: readonly string[],
    private readonly getJwt: () => Promise<JwtResult>,
    /** Price events are kept for these markets only; null keeps them all. */
    private readonly markets: ReadonlySet<string> | null,
    private readonly drifts: DriftNotices,
  ) {}

  async greeting(): Promise<Greeting> {
    const jwt = await this.getJwt();
    if (!jwt.ok) return { ok: false, reason: jwt.reason };
    this.expected.clear();
    const auth = this.request('auth', { bearer: jwt.jwt }, 'auth');
    const subscribes = this.channels.map((channel) => this.request('subscribe', { channel }, channel));
    return { ok: true, stages: [[auth], subscribes], upReason: `authenticated and subscribed to ${this.channels.join(', ')}` };
  }

  read(raw: string, at: number): FrameReading {
    const json = parseJson(raw);
    const answer = json.ok ? this.answer(json.value) : null;
    return answer ?? { events: eventsFromFrame(raw, json, { at, markets: this.markets, drifts: this.drifts }), ack: false };
  }

  private request(method: string, params: unknown, what: string): string {
    const id = this.nextId++;
    this.expected.set(id, what);
    return JSON.stringify({ jsonrpc: '2.0', method, params, id });
  }

  private answer(value: unknown): FrameReading | null {
    // Data frames carry no id; checking that first keeps the hot path free of a schema parse.
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id !== 'number' || !this.expected.has(id)) return null;
    const response = rpcResponseSchema.safeParse(value);
    if (!response.success) return null;
    const what = this.expected.get(id)!;
    this.expected.delete(id);
    const error = response.data.error;
    if (!error) return { events: [], ack: true };
    return { events: [], ack: false, refused: `${what === 'auth' ? 'auth rejected' : 'subscribe refused'}: ${error.code} ${error.message}` };
  }
}
