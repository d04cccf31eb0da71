/** Reads the built renderer from one folder, never outside it: for the web host and the desktop app:// protocol alike. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** A URL path as a file path, or null when it does not decode (`/%`, `/%E0%A4%A`) or names a NUL. */
export function decodeUrlPath(urlPath: string): string | null {
  try {
    const decoded = decodeURIComponent(urlPath);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

/** The file for a URL path inside root, or null (missing, outside, undecodable, not a regular file). */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const decoded = urlPath === '/' ? '/index.html' : decodeUrlPath(urlPath);
  if (decoded === null) return null;
  const full = normalize(join(root, decoded.replace(/^\/+/, '')));
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return { body: await readFile(full), contentType: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
