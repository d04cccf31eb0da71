import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { readZip, ZipError } from './zip-reader';
import { writeZip } from './zip-writer';

const hasUnzip = spawnSync('which', ['unzip']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'bb-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries = [
  { name: 'claim.json', data: Buffer.from('{"total":"7502.5"}\n'.repeat(200)) },
  { name: 'empty.csv', data: Buffer.alloc(0) },
  // Random bytes do not deflate: the writer stores them.
  { name: 'noise.bin', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3) * 104729) & 0xff)) },
  { name: 'naïve €.txt', data: Buffer.from('UTF-8 name\n') },
];

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

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

  it.skipIf(!hasUnzip)('passes unzip -t and unzip extracts the same bytes', () => {
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
