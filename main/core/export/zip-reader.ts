/**
 * Reads back what zip-writer writes (and any plain stored/deflated zip without zip64): walks the
 * central directory, inflates each entry and checks its CRC-32 and size. A damaged archive is a
 * ZipError naming the entry, never a partial result.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

export class ZipError extends Error {}

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

/** Entry name → contents, in archive order. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipError(`the central directory is damaged at entry ${i + 1}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + skip;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new ZipError(`${name}: its local header is damaged`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressedSize);
    if (body.length !== compressedSize) throw new ZipError(`${name}: the archive ends inside this entry`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(body);
    else if (method === 8) {
      try {
        data = inflateRawSync(body);
      } catch (err) {
        throw new ZipError(`${name}: its compressed data is damaged (${(err as Error).message})`);
      }
    } else throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new ZipError(`${name}: ${data.length} bytes where the directory says ${size}`);
    if (crc32(data) !== crc) throw new ZipError(`${name}: its CRC-32 does not match (the entry was changed or damaged)`);
    if (entries.has(name)) throw new ZipError(`${name}: the archive holds it twice`);
    entries.set(name, data);
  }
  return entries;
}
