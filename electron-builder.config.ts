/**
 * Packaging (`npx electron-builder --config electron-builder.config.ts` after `npm run build`):
 * AppImage and deb for Linux, dmg for macOS, nsis for Windows. better-sqlite3 is rebuilt for
 * Electron's ABI and kept outside the asar (a native module cannot load from inside it); the
 * fuses in scripts/packaging/fuses.ts are flipped in every packaged binary.
 */
import type { Configuration } from 'electron-builder';
import { applyFuses } from './scripts/packaging/fuses';

const config: Configuration = {
  appId: 'app.blackbox.terminal',
  productName: 'Blackbox',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**/*', 'scenarios/**/*', 'package.json'],
  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3/**'],
  // @electron/rebuild compiles better-sqlite3 against the Electron headers, not Node's.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack: applyFuses,
  linux: { target: ['AppImage', 'deb'], category: 'Finance', executableName: 'blackbox' },
  mac: { target: ['dmg'], category: 'public.app-category.finance', hardenedRuntime: true },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
