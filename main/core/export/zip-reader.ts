/**
 * Reads back what zip-writer writes (and any plain stored/deflated zip without zip64), safely
 * enough for a bundle from a stranger: before anything is inflated the central directory is
 * checked against limits (entry count, each entry's and the total size, compression ratio) and
 * every name (no absolute path, no `..`, no duplicate); each entry is then inflated no further
 * than its declared size and checked against its CRC-32. Damage is a ZipError naming the entry,
 * an unsafe archive an UnsafeZipError saying which limit; never a partial result.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}
/** The archive may be well formed but is not opened: it breaks a limit or names a path outside the bundle. */
export class UnsafeZipError extends ZipError {}

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
  /** Uncompressed size over compressed size, for entries past a few kilobytes. */
  ratio: number;
}

/** A bundle is a handful of files; its journal lines deflate about 2–10 to 1. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = { entries: 32, entryBytes: 1024 ** 3, totalBytes: 2 * 1024 ** 3, ratio: 200 };
/** Below this size the ratio says nothing (an empty CSV "compresses" infinitely). */
const RATIO_FLOOR_BYTES = 64 * 1024;

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function findEnd(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_SIGNATURE) return i;
  }
  throw new ZipError('not a zip archive: no end-of-central-directory record');
}

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL_SIGNATURE;
}

interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  local: number;
}

/** Why a name may not be opened, or null when it is a plain relative name. */
function unsafeName(name: string): string | null {
  if (name.length === 0) return 'an entry has no name';
  if (name.includes('\0')) return `${JSON.stringify(name)}: a name with a NUL byte`;
  if (/^([/\\]|[A-Za-z]:)/.test(name)) return `${name}: an absolute path`;
  if (name.split(/[/\\]/).includes('..')) return `${name}: a path that climbs out of the bundle (..)`;
  return null;
}

function readDirectory(zip: Buffer, limits: ZipLimits): DirectoryEntry[] {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  if (count > limits.entries) throw new UnsafeZipError(`it holds ${count} entries; a bundle has at most ${limits.entries}`);
  let at = zip.readUInt32LE(end + 16);
  const entries: DirectoryEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipError(`the central directory is damaged at entry ${i + 1}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: DirectoryEntry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const unsafe = unsafeName(entry.name);
    if (unsafe) throw new UnsafeZipError(unsafe);
    if (names.has(entry.name)) throw new UnsafeZipError(`${entry.name}: the archive holds it twice`);
    names.add(entry.name);
    if (entry.size > limits.entryBytes) throw new UnsafeZipError(`${entry.name}: ${entry.size} bytes unpacked, more than the ${limits.entryBytes} a bundle file may have`);
    total += entry.size;
    if (total > limits.totalBytes) throw new UnsafeZipError(`the entries unpack to more than ${limits.totalBytes} bytes in all`);
    if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.compressedSize * limits.ratio) {
      throw new UnsafeZipError(`${entry.name}: it would unpack ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times its packed size (a zip bomb); at most ${limits.ratio} is allowed`);
    }
    entries.push(entry);
  }
  return entries;
}

/** Entry name → contents, in archive order. */
export function readZip(zip: Buffer, limits: ZipLimits = BUNDLE_ZIP_LIMITS): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  for (const { name, method, crc, compressedSize, size, local } of readDirectory(zip, limits)) {
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new ZipError(`${name}: its local header is damaged`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressedSize);
    if (body.length !== compressedSize) throw new ZipError(`${name}: the archive ends inside this entry`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(body);
    else if (method === 8) {
      try {
        // Never more than declared (plus one byte, to see a lie): a lying size cannot become a bomb.
        data = inflateRawSync(body, { maxOutputLength: size + 1 });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new UnsafeZipError(`${name}: it unpacks to more than the ${size} bytes it declares`);
        throw new ZipError(`${name}: its compressed data is damaged (${(err as Error).message})`);
      }
    } else throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new ZipError(`${name}: ${data.length} bytes where the directory says ${size}`);
    if (crc32(data) !== crc) throw new ZipError(`${name}: its CRC-32 does not match (the entry was changed or damaged)`);
    entries.set(name, data);
  }
  return entries;
}
