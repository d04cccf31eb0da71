/**
 * GETs on the dYdX v4 indexer. Answers JSON or a QueryError that says plainly what went wrong —
 * above all the HTTP 403 that address-scoped routes return for blocked regions or addresses
 * (comlink `complianceAndGeoCheck`), so a trader is never left guessing why nothing shows.
 */
import type { Clock } from '../../clock';
import { httpRequest } from '../http';
import type { QueryError } from '../port';
import { parseJson } from '../common/parsed';
import { errorAnswerSchema } from './schemas';

export type IndexerAnswer = { ok: true; json: unknown; raw: string } | { ok: false; error: QueryError };

export class DydxIndexer {
  constructor(private readonly options: { restUrl: string; clock: Clock; timeoutMs: number }) {}

  async get(path: string, query: Record<string, string | undefined> = {}): Promise<IndexerAnswer> {
    const { restUrl, clock, timeoutMs } = this.options;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const search = params.toString();
    const url = `${restUrl}${path}${search ? `?${search}` : ''}`;
    const outcome = await httpRequest(clock, { method: 'GET', url, timeoutMs });
    if (outcome.kind === 'failure') {
      return { ok: false, error: { kind: 'transport', message: `${path}: ${outcome.reason}`, httpStatus: null, code: null, raw: null } };
    }
    const { status, body } = outcome;
    const json = parseJson(body);
    if (status < 200 || status > 299) return { ok: false, error: httpError(path, status, json.ok ? json.value : null, body) };
    if (!json.ok) return { ok: false, error: { kind: 'malformed', message: `${path}: ${json.problem}`, httpStatus: null, code: null, raw: body } };
    return { ok: true, json: json.value, raw: body };
  }
}

export function httpError(path: string, status: number, json: unknown, raw: string): QueryError {
  const venue = errorAnswerSchema.safeParse(json);
  const first = venue.success ? venue.data.errors[0] : null;
  const code = first?.code ?? null;
  const detail = first ? `: ${first.msg}` : '';
  let message = `${path}: HTTP ${status}${code ? ` ${code}` : ''}${detail}`;
  if (status === 403) message = `dYdX refuses this region or address (HTTP 403${code ? ` ${code}` : ''}) on ${path}${detail}`;
  if (status === 429) message = `${path}: rate limited by the indexer (HTTP 429)${detail}`;
  return { kind: 'http', message, httpStatus: status, code, raw };
}
