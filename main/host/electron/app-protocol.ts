/**
 * The desktop window loads the renderer from app://blackbox/ instead of file://: one origin
 * that holds nothing but the built renderer, with the CSP on every response. The handler is a
 * pure function of the request (no 'electron' import) so tests can read its headers; index.ts
 * registers it with protocol.handle.
 */
import { readStaticFile } from '../../core/api/static-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://blackbox`;

/** The window's page talks to main only over IPC: it needs no network at all. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** True for a URL of our own origin (the sender check on IPC uses it too). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'blackbox';
  } catch {
    return false;
  }
}

export async function handleAppRequest(rendererDir: string, request: { method: string; url: string }): Promise<AppResponse> {
  const headers = { 'content-security-policy': APP_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  const plain = (status: number, text: string): AppResponse => ({ status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: text });
  if (request.method !== 'GET') return plain(405, 'Method not allowed');
  if (!isAppUrl(request.url)) return plain(404, 'Not found');
  const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
  if (!file) return plain(404, 'Not found');
  return { status: 200, headers: { ...headers, 'content-type': file.contentType }, body: file.body };
}
