/**
 * One HTTP exchange with a deadline taken from the injected clock, so that replays on a virtual
 * clock time out on virtual time. Never throws: a venue that cannot be reached is data.
 */
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

export function httpRequest(clock: Clock, request: HttpRequest): Promise<HttpOutcome> {
  const outcome = exchange(clock, request);
  clock.track?.(outcome);
  return outcome;
}

async function exchange(clock: Clock, request: HttpRequest): Promise<HttpOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const cancelTimer = clock.setTimer(request.timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    const body = await response.text();
    return { kind: 'response', status: response.status, body };
  } catch (error) {
    if (timedOut) return { kind: 'failure', reason: `timeout after ${request.timeoutMs} ms`, timedOut: true };
    return { kind: 'failure', reason: `transport error: ${describeFetchError(error)}`, timedOut: false };
  } finally {
    cancelTimer();
  }
}

/** Node's fetch hides the socket error (ECONNREFUSED, ECONNRESET…) in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}
