/**
 * Electron fuses flipped in the packaged binary (they cannot be changed at run time): the app
 * cannot be run as a plain Node, take NODE_OPTIONS or --inspect, or load code from outside its
 * integrity-checked asar; cookies are encrypted. Applied by electron-builder's afterPack.
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const BLACKBOX_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 Blackbox script.js` would run any script with the app's identity and keychain access.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its old privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** What electron-builder tells afterPack (the part we read). */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The packaged Electron binary whose fuse wire is flipped. */
export function packagedBinary(context: PackedApp): string {
  const { appOutDir, electronPlatformName: platform, packager } = context;
  const name = packager.appInfo.productFilename;
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${name}.app`);
  if (platform === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName ?? name.toLowerCase());
}

export async function applyFuses(context: PackedApp): Promise<void> {
  // Fuses newer than @electron/fuses 1.8 (Electron 45's ninth, WasmTrapHandlers, on by default) keep Electron's setting.
  await flipFuses(packagedBinary(context), { ...BLACKBOX_FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
}
