/**
 * The Paradex REST transport: URL building, bearer auth and the exact body bytes. It reports
 * what happened on the wire and leaves the meaning of a status code to its callers.
 */
import type { Clock } from '../../clock';
import { httpRequest } from '../http';
import type { SentRequest } from '../port';
import type { Authenticator } from './auth';

export interface RestCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below the REST base URL, e.g. `/orders`. */
  path: string;
  query?: Record<string, string | undefined>;
  /** Already serialized: these bytes are sent and returned as they are. */
  body?: string;
  private: boolean;
}

export type RestOutcome =
  | { kind: 'response'; status: number; body: string; request: SentRequest }
  /** `request` is null when nothing was sent (e.g. no token could be had). */
  | { kind: 'failure'; reason: string; request: SentRequest | null };

export interface RestOptions {
  restUrl: string;
  clock: Clock;
  timeoutMs: number;
  auth: Authenticator;
}

export class ParadexRest {
  constructor(private readonly options: RestOptions) {}

  async call(call: RestCall): Promise<RestOutcome> {
    const { clock, restUrl, timeoutMs, auth } = this.options;
    const headers: Record<string, string> = {};
    if (call.private) {
      const jwt = await auth.getJwt();
      if (!jwt.ok) return { kind: 'failure', reason: jwt.reason, request: null };
      headers.Authorization = `Bearer ${jwt.jwt}`;
    }
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = buildUrl(restUrl, call.path, call.query);
    const request: SentRequest = { method: call.method, url, body: call.body ?? null, sentAt: clock.now() };
    const outcome = await httpRequest(clock, { method: call.method, url, headers, body: call.body, timeoutMs });
    if (outcome.kind === 'failure') return { kind: 'failure', reason: outcome.reason, request };
    // A stale token is never retried here: the next call fetches a new one.
    if (outcome.status === 401 && call.private) auth.invalidate();
    return { kind: 'response', status: outcome.status, body: outcome.body, request };
  }
}

function buildUrl(base: string, path: string, query: Record<string, string | undefined> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return `${base}${path}${search ? `?${search}` : ''}`;
}
