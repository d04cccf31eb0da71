/**
 * Anchors the journal's chain head with RFC 3161 time-stamp authorities (DESIGN §10): at every
 * incident opened, every claim created, and every 10 minutes while the head moved. Each token is
 * journalled as an ANCHOR record. A TSA that is down or refuses is retried with backoff; nothing
 * here ever blocks or fails trading — it runs beside it and reports a status line.
 */
import type { Clock } from '../clock';
import { requestToken, type RequestToken } from './tsa-client';

export const ANCHOR_EVERY_MS = 10 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 10 * 60_000;

export interface AnchorPayload {
  headSeq: number;
  headHash: string;
  /** The TSA's URL as configured. */
  tsa: string;
  /** Who signed the token (its certificate's name). */
  tsaName: string;
  /** The TSA's time, ISO 8601 UTC. */
  genTime: string;
  /** The RFC 3161 token (CMS ContentInfo, DER), base64. */
  token: string;
}

export interface AnchorJournal {
  head(): { seq: number; hash: string } | null;
  append(event: { account: string; venue: string; kind: 'ANCHOR'; payload: AnchorPayload }, options: { durable: boolean }): { seq: number };
  query(q: { kind: 'ANCHOR'; order: 'desc'; limit: number }): { events: { seq: number; at: number; payload: unknown }[] };
}

export interface AnchorerOptions {
  journal: AnchorJournal;
  /** The account the ANCHOR records are written under. */
  account: string;
  clock: Clock;
  /** TSA URLs; none means anchoring is off. */
  tsaUrls: readonly string[];
  request?: RequestToken;
  /** Told whenever the status changes. */
  onChange?: () => void;
}

export type AnchorState = 'off' | 'pending' | 'anchored' | 'failing';

export interface AnchorStatus {
  state: AnchorState;
  /** Clock time of the last token journalled. */
  lastAnchoredAt: number | null;
  /** The last attempt's failures, in words. */
  lastError: string | null;
}

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** The status bar's words: "anchored 3 min ago" / "not anchored since 14:02 UTC". */
export function anchorLine(status: AnchorStatus, now: number): string {
  if (status.state === 'off') return 'not anchored (no time-stamp authority set)';
  if (status.state === 'failing') {
    return status.lastAnchoredAt === null ? 'not anchored yet (time-stamp authorities unreachable)' : `not anchored since ${hhmm(status.lastAnchoredAt)} UTC`;
  }
  if (status.lastAnchoredAt === null) return 'not anchored yet';
  const minutes = Math.floor((now - status.lastAnchoredAt) / 60_000);
  return minutes < 1 ? 'anchored just now' : `anchored ${minutes} min ago`;
}

export class Anchorer {
  private readonly request: RequestToken;
  /** The seq up to which the chain is covered by a token (own ANCHOR records included). */
  private anchoredThrough = 0;
  private lastAnchoredAt: number | null = null;
  private lastError: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private retryMs = FIRST_RETRY_MS;
  private cancelTick: (() => void) | null = null;
  private cancelRetry: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: AnchorerOptions) {
    this.request = options.request ?? requestToken;
  }

  get enabled(): boolean {
    return this.options.tsaUrls.length > 0;
  }

  /** Picks up where the journal's last ANCHOR record left off and starts the 10-minute rhythm. */
  start(): void {
    if (!this.enabled) return;
    const last = this.options.journal.query({ kind: 'ANCHOR', order: 'desc', limit: 1 }).events[0];
    if (last) {
      this.anchoredThrough = last.seq;
      this.lastAnchoredAt = last.at;
    }
    this.scheduleTick();
  }

  /** Asks for an anchor now (an incident opened, a claim created); never throws. */
  anchorNow(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.cancelRetry?.();
    this.cancelRetry = null;
    const run = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.anchorNow();
      }
    });
    this.running = run;
    this.options.clock.track?.(run);
  }

  /** Resolves once no anchoring is in flight (for an export that wants the newest anchor). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  status(): AnchorStatus {
    const state: AnchorState = !this.enabled ? 'off' : this.lastError ? 'failing' : this.lastAnchoredAt === null ? 'pending' : 'anchored';
    return { state, lastAnchoredAt: this.lastAnchoredAt, lastError: this.lastError };
  }

  line(): string {
    return anchorLine(this.status(), this.options.clock.now());
  }

  stop(): void {
    this.stopped = true;
    this.cancelTick?.();
    this.cancelRetry?.();
  }

  private scheduleTick(): void {
    this.cancelTick = this.options.clock.setTimer(ANCHOR_EVERY_MS, () => {
      if (this.stopped) return;
      this.anchorNow();
      this.scheduleTick();
    });
  }

  private async run(): Promise<void> {
    const { journal, account, tsaUrls, clock } = this.options;
    let head: { seq: number; hash: string } | null;
    try {
      head = journal.head();
    } catch (err) {
      return this.failed(`the journal cannot be read (${(err as Error).message})`);
    }
    if (!head || head.seq <= this.anchoredThrough) return;
    const answers = await Promise.allSettled(tsaUrls.map((url) => this.request(url, head.hash)));
    if (this.stopped) return;
    const errors: string[] = [];
    let appended = 0;
    let lastSeq = 0;
    for (const [i, answer] of answers.entries()) {
      if (answer.status === 'rejected') {
        errors.push(`${tsaUrls[i]}: ${(answer.reason as Error).message}`);
        continue;
      }
      const { token, genTime, tsa, tsaName } = answer.value;
      try {
        const payload: AnchorPayload = { headSeq: head.seq, headHash: head.hash, tsa, tsaName, genTime: genTime.toISOString(), token: token.toString('base64') };
        lastSeq = journal.append({ account, venue: 'tsa', kind: 'ANCHOR', payload }, { durable: true }).seq;
        appended += 1;
      } catch (err) {
        errors.push(`the journal refused the token (${(err as Error).message})`);
      }
    }
    if (appended === 0) return this.failed(errors.join('; '));
    // Records written while the TSAs answered are not covered: only a run of our own ANCHORs is.
    this.anchoredThrough = lastSeq === head.seq + appended ? lastSeq : head.seq;
    this.lastAnchoredAt = clock.now();
    this.lastError = null;
    this.retryMs = FIRST_RETRY_MS;
    this.options.onChange?.();
  }

  private failed(error: string): void {
    this.lastError = error;
    this.options.onChange?.();
    if (this.stopped) return;
    this.cancelRetry?.();
    this.cancelRetry = this.options.clock.setTimer(this.retryMs, () => {
      this.cancelRetry = null;
      this.anchorNow();
    });
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
