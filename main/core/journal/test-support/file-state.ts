import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';

/** Content hash and modification time of each file (null when absent), to prove nothing was touched. */
export function fileState(paths: string[]): Record<string, { sha256: string; mtimeMs: number } | null> {
  return Object.fromEntries(
    paths.map((p) => [
      p,
      existsSync(p) ? { sha256: createHash('sha256').update(readFileSync(p)).digest('hex'), mtimeMs: statSync(p).mtimeMs } : null,
    ]),
  );
}
