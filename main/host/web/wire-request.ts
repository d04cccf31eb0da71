/** Reads one client frame as a contract call, whatever bytes arrived; never throws. */
import type { WireRequest } from '../../../shared/wire';

export type FrameReading = { ok: true; request: WireRequest } | { ok: false; id: number; message: string };

const EXPECTED = 'Expected a JSON text frame {id: number, method: string, params}';

export function readFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): FrameReading {
  if (isBinary) return { ok: false, id: -1, message: `${EXPECTED}; got a binary frame` };
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, id: -1, message: EXPECTED };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, id: -1, message: EXPECTED };
  const { id, method, params } = parsed as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return { ok: false, id: -1, message: EXPECTED };
  if (typeof method !== 'string') return { ok: false, id, message: EXPECTED };
  return { ok: true, request: { id, method, params } };
}
