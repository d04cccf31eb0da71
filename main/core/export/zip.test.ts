import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip, UnsafeZipError, ZipError, type ZipLimits } from './zip-reader';
import { writeZip } from './zip-writer';

const dir = mkdtempSync(join(tmpdir(), 'bb-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries = [
  { name: 'claim.json', data: Buffer.from('{"total":"7502.5"}\n'.repeat(200)) },
  { name: 'empty.csv', data: Buffer.alloc(0) },
  // Random bytes do not deflate: the writer stores them.
  { name: 'noise.bin', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3) * 104729) & 0xff)) },
  { name: 'naïve €.txt', data: Buffer.from('UTF-8 name\n') },
];

describe('zip writer and reader', () => {
  const zip = writeZip(entries, Date.UTC(2026, 0, 19, 12, 30, 0));

  it('round-trips every entry byte for byte, in order', () => {
    const back = readZip(zip);
    expect([...back.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(back.get(e.name)!.equals(e.data)).toBe(true);
  });

  it('is reproducible for the same input', () => {
    expect(writeZip(entries, Date.UTC(2026, 0, 19, 12, 30, 0)).equals(zip)).toBe(true);
  });

  // Required, not skipped when missing: .ci/run installs unzip (apt-get install unzip).
  it('passes unzip -t and unzip extracts the same bytes', () => {
    expect(spawnSync('unzip', ['-v']).error, 'unzip must be installed (apt-get install unzip)').toBeUndefined();
    const path = join(dir, 'a.zip');
    writeFileSync(path, zip);
    const out = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(out).toContain('No errors detected');
    expect(execFileSync('unzip', ['-p', path, 'claim.json']).equals(entries[0].data)).toBe(true);
  });

  it('reports a changed byte in the data as damage to that entry', () => {
    const bad = Buffer.from(zip);
    bad[30 + 'claim.json'.length + 5] ^= 0x01;
    expect(() => readZip(bad)).toThrow(ZipError);
    expect(() => readZip(bad)).toThrow(/claim\.json/);
  });

  it('refuses what is not a zip', () => {
    expect(() => readZip(Buffer.from('not a zip at all'))).toThrow(/not a zip/);
  });
});

describe('a zip from a stranger', () => {
  const T = Date.UTC(2026, 0, 19);
  const refused = (zip: Buffer, message: RegExp, limits?: ZipLimits) => {
    expect(() => readZip(zip, limits)).toThrow(UnsafeZipError);
    expect(() => readZip(zip, limits)).toThrow(message);
  };

  it('refuses a zip bomb before inflating it', () => {
    refused(writeZip([{ name: 'journal.jsonl', data: Buffer.alloc(64 * 1024 * 1024) }], T), /journal\.jsonl: it would unpack \d+ times its packed size \(a zip bomb\); at most 200/);
  });

  it('refuses an entry that unpacks to more than it declares', () => {
    const zip = writeZip([{ name: 'claim.json', data: Buffer.from('x'.repeat(10_000)) }], T);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(100, central + 24);
    zip.writeUInt32LE(100, 22);
    refused(zip, /claim\.json: it unpacks to more than the 100 bytes it declares/);
  });

  it('refuses names that leave the bundle, absolute names and duplicates', () => {
    const one = (name: string) => writeZip([{ name, data: Buffer.from('a') }], T);
    refused(one('../evil.sh'), /\.\.\/evil\.sh: a path that climbs out of the bundle/);
    refused(one('reports/../../evil.sh'), /climbs out of the bundle/);
    refused(one('/etc/passwd'), /\/etc\/passwd: an absolute path/);
    refused(one('C:\\evil.bat'), /an absolute path/);
    refused(writeZip([{ name: 'claim.json', data: Buffer.from('a') }, { name: 'claim.json', data: Buffer.from('b') }], T), /claim\.json: the archive holds it twice/);
  });

  it('refuses too many entries, too large an entry and too much in all', () => {
    const limits: ZipLimits = { entries: 3, entryBytes: 1000, totalBytes: 1500, ratio: 200 };
    const files = (n: number, size: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(size, i) }));
    refused(writeZip(files(4, 10), T), /it holds 4 entries; a bundle has at most 3/, limits);
    refused(writeZip(files(1, 1001), T), /f0: 1001 bytes unpacked, more than the 1000/, limits);
    refused(writeZip(files(2, 800), T), /unpack to more than 1500 bytes in all/, limits);
    expect(readZip(writeZip(files(3, 400), T), limits).size).toBe(3);
  });
});
