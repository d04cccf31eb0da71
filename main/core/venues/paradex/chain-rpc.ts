/**
 * Chain height through the Starknet RPC proxy (`starknet_blockNumber`, venue-apis.md §1.10): the
 * only way to see a Paradex chain rollback or halt from outside.
 */
import type { Clock } from '../../clock';
import { httpRequest } from '../http';
import type { QueryResult } from '../port';
import { parseJson } from '../common/parsed';
import { describeIssues } from '../common/parsed';
import { rpcBlockNumberSchema } from './schemas';

const BLOCK_NUMBER_REQUEST = JSON.stringify({ jsonrpc: '2.0', method: 'starknet_blockNumber', params: [], id: 1 });

export async function readChainHeight(clock: Clock, rpcUrl: string, timeoutMs: number): Promise<QueryResult<number>> {
  const outcome = await httpRequest(clock, {
    method: 'POST',
    url: rpcUrl,
    headers: { 'Content-Type': 'application/json' },
    body: BLOCK_NUMBER_REQUEST,
    timeoutMs,
  });
  if (outcome.kind === 'failure') {
    return { ok: false, error: { kind: 'transport', message: outcome.reason, httpStatus: null, code: null, raw: null } };
  }
  const raw = outcome.body;
  if (outcome.status < 200 || outcome.status > 299) {
    return { ok: false, error: { kind: 'http', message: `HTTP ${outcome.status}`, httpStatus: outcome.status, code: null, raw } };
  }
  const json = parseJson(raw);
  const parsed = json.ok ? rpcBlockNumberSchema.safeParse(json.value) : null;
  if (!parsed?.success) {
    const problem = !json.ok ? json.problem : parsed ? describeIssues(parsed.error) : 'unreadable';
    return { ok: false, error: { kind: 'malformed', message: `starknet_blockNumber: ${problem}`, httpStatus: null, code: null, raw } };
  }
  const { result, error } = parsed.data;
  if (error) {
    return { ok: false, error: { kind: 'http', message: error.message, httpStatus: outcome.status, code: String(error.code), raw } };
  }
  if (result === undefined) {
    return { ok: false, error: { kind: 'malformed', message: 'starknet_blockNumber: no result', httpStatus: null, code: null, raw } };
  }
  return { ok: true, value: result, raw: [raw], malformed: [] };
}
