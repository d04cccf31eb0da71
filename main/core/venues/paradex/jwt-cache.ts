/**
 * What every Paradex authenticator shares: the venue's `/auth` answer read into a token, and the
 * token kept until a refresh is due (Paradex recommends one after ~3 of its 5 minutes), with
 * concurrent callers sharing one request.
 */
import type { Clock } from '../../clock';
import type { HttpOutcome } from '../http';
import type { JwtResult } from './auth';
import { parseJson } from '../common/parsed';

export const DEFAULT_REFRESH_AFTER_MS = 3 * 60_000;

export function readJwtAnswer(outcome: HttpOutcome): JwtResult {
  if (outcome.kind === 'failure') return { ok: false, reason: `auth: ${outcome.reason}` };
  if (outcome.status < 200 || outcome.status > 299) {
    return { ok: false, reason: `auth answered HTTP ${outcome.status}: ${outcome.body.slice(0, 200)}` };
  }
  const json = parseJson(outcome.body);
  const jwt = json.ok ? (json.value as { jwt_token?: unknown } | null)?.jwt_token : undefined;
  if (typeof jwt !== 'string' || jwt === '') return { ok: false, reason: 'auth answer carries no jwt_token' };
  return { ok: true, jwt };
}

export class JwtCache {
  private token: { jwt: string; obtainedAt: number } | null = null;
  private inflight: Promise<JwtResult> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly refreshAfterMs: number,
    private readonly request: () => Promise<JwtResult>,
  ) {}

  get(): Promise<JwtResult> {
    if (this.token && this.clock.now() - this.token.obtainedAt < this.refreshAfterMs) {
      return Promise.resolve({ ok: true, jwt: this.token.jwt });
    }
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  invalidate(): void {
    this.token = null;
  }

  private async fetch(): Promise<JwtResult> {
    // Measured from the request, not the answer, so a slow answer cannot stretch the token past expiry.
    const requestedAt = this.clock.now();
    const result = await this.request();
    if (result.ok) this.token = { jwt: result.jwt, obtainedAt: requestedAt };
    return result;
  }
}
