/**
 * Reads a bundle from a folder or a zip into memory for verifyBundle. Something that is not a
 * bundle at all is a BundleInputError (bad input); a zip that is damaged is a finding.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FILES } from './bundle-format';
import type { BundleFailure } from './verify-bundle';
import { isZip, readZip, UnsafeZipError, ZipError } from './zip-reader';

export class BundleInputError extends Error {}

export interface LoadedBundle {
  kind: 'folder' | 'zip';
  files: Map<string, Buffer>;
  /** Damage found while reading (a zip entry that does not inflate or match its CRC). */
  damage: BundleFailure[];
}

export function loadBundle(path: string): LoadedBundle {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new BundleInputError(`${path} does not exist`);
  }
  if (isDirectory) {
    const files = new Map<string, Buffer>();
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isFile()) files.set(entry.name, readFileSync(join(path, entry.name)));
    }
    if (!files.has(FILES.manifest)) throw new BundleInputError(`${path} is not an evidence bundle: it has no ${FILES.manifest}`);
    return { kind: 'folder', files, damage: [] };
  }
  const data = readFileSync(path);
  if (!isZip(data)) throw new BundleInputError(`${path} is neither a bundle folder nor a zip`);
  try {
    const files = readZip(data);
    if (!files.has(FILES.manifest)) throw new BundleInputError(`${path} is not an evidence bundle: the zip has no ${FILES.manifest}`);
    return { kind: 'zip', files, damage: [] };
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    const verdict = err instanceof UnsafeZipError ? 'the zip is refused as unsafe to open' : 'the zip is damaged';
    return { kind: 'zip', files: new Map(), damage: [{ file: basename(path), reason: `${verdict}: ${err.message}` }] };
  }
}
