import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config';
import { applyFuses, BLACKBOX_FUSES, packagedBinary } from './fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** How the wire stores a fuse: the characters '0' and '1'. */
const DISABLED = 0x30;
const ENABLED = 0x31;

/** A stand-in Electron 45 binary: code around its fuse wire (version 1, nine fuses at Electron's defaults). */
function fakeElectron(dir: string, name: string): string {
  const defaults = '101100011';
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF padding'), Buffer.from(SENTINEL), Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.from('more code')]));
  return path;
}

describe('packaging', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect, and turns on cookie encryption, asar integrity and asar-only loading', () => {
    expect(BLACKBOX_FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('writes those fuses into the packaged binary after packing, leaving fuses it does not name as Electron ships them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-pack-'));
    const binary = fakeElectron(dir, 'blackbox');
    expect(config.afterPack).toBe(applyFuses);
    await applyFuses({ appOutDir: dir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Blackbox' }, executableName: 'blackbox' } });
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
    expect(wire[8]).toBe(ENABLED);
    expect(readFileSync(binary).subarray(-9).toString()).toBe('more code');
  });

  it('finds the binary to flip on each platform', () => {
    const packager = { appInfo: { productFilename: 'Blackbox' }, executableName: 'blackbox' };
    expect(packagedBinary({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/blackbox');
    expect(packagedBinary({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/Blackbox.exe');
    expect(packagedBinary({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe('/o/Blackbox.app');
  });

  it("passes electron-builder's own schema, which refuses what it does not know", async () => {
    // electron-builder validates this way before packing; its binary downloads are not needed for it.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, fuses: true } }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it('builds AppImage and deb, dmg and nsis, rebuilding better-sqlite3 for Electron and keeping it outside the asar', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });
});
