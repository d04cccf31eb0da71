/** `POST /info` (venue-apis.md §3.2): a JSON body naming the request type; no credentials. */
import type { Clock } from '../../clock';
import { httpRequest } from '../http';
import type { QueryError } from '../port';
import { parseJson } from '../common/parsed';
import { isPostOnlyNotice } from './parse';

export type InfoAnswer = { ok: true; json: unknown; raw: string } | { ok: false; error: QueryError };

export class HyperliquidInfo {
  constructor(private readonly options: { apiUrl: string; clock: Clock; timeoutMs: number }) {}

  async post(request: { type: string } & Record<string, unknown>): Promise<InfoAnswer> {
    const { apiUrl, clock, timeoutMs } = this.options;
    const what = `/info ${request.type}`;
    const outcome = await httpRequest(clock, {
      method: 'POST',
      url: `${apiUrl}/info`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      timeoutMs,
    });
    if (outcome.kind === 'failure') {
      return { ok: false, error: { kind: 'transport', message: `${what}: ${outcome.reason}`, httpStatus: null, code: null, raw: null } };
    }
    const { status, body } = outcome;
    if (status < 200 || status > 299) {
      const detail = status === 429 ? 'rate limited (HTTP 429)' : `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
      const code = isPostOnlyNotice(body) ? 'POST_ONLY' : null;
      return { ok: false, error: { kind: 'http', message: `${what}: ${detail}`, httpStatus: status, code, raw: body } };
    }
    const json = parseJson(body);
    if (!json.ok) return { ok: false, error: { kind: 'malformed', message: `${what}: ${json.problem}`, httpStatus: null, code: null, raw: body } };
    return { ok: true, json: json.value, raw: body };
  }
}
