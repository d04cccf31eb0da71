/**
 * One HTTP exchange with a deadline taken from the injected clock, so that replays on a virtual
 * clock time out on virtual time. Never throws: a venue that cannot be reached is data.
 * Node's own http/https with keep-alive: a replay makes tens of thousands of loopback requests,
 * and this path costs a fraction of fetch's.
 */
import { Agent as HttpAgent, request as httpCall, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsCall } from 'node:https';
import type { Clock } from '../clock';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export type HttpOutcome =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'failure'; reason: string; timedOut: boolean };

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export function httpRequest(clock: Clock, request: HttpRequest): Promise<HttpOutcome> {
  const outcome = exchange(clock, request);
  clock.track?.(outcome);
  return outcome;
}

function exchange(clock: Clock, request: HttpRequest): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      resolve(outcome);
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ kind: 'failure', reason: `transport error: invalid URL ${request.url}`, timedOut: false });
      return;
    }
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const call = (secure ? httpsCall : httpCall)(url, { method: request.method, headers, agent: secure ? agents.https : agents.http }, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => finish({ kind: 'response', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish({ kind: 'failure', reason: `transport error: ${describe(error)}`, timedOut: false }));
    });
    const cancelTimer = clock.setTimer(request.timeoutMs, () => {
      finish({ kind: 'failure', reason: `timeout after ${request.timeoutMs} ms`, timedOut: true });
      call.destroy();
    });
    call.on('error', (error) => finish({ kind: 'failure', reason: `transport error: ${describe(error)}`, timedOut: false }));
    call.end(request.body);
  });
}

/** The socket error's code (ECONNREFUSED, ECONNRESET…) with its message. */
function describe(error: Error): string {
  const code = (error as Error & { code?: string }).code;
  return code ? `${code} (${error.message})` : error.message;
}
