/**
 * Errors the simulated venue answers with: Paradex's `{"error": CODE, "message": …}` plus the
 * HTTP status the server sends.
 */
export interface SimError {
  code: string;
  message: string;
  httpStatus: number;
}

export type SimResult<T> = { ok: true; value: T } | { ok: false; error: SimError };

export function simError(code: string, message: string, httpStatus = 400): { ok: false; error: SimError } {
  return { ok: false, error: { code, message, httpStatus } };
}
