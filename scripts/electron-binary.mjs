// Finds Electron's binary without triggering its on-demand download (require('electron') would
// try to fetch it, which fails on machines that only reach the npm registry).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinary(root = process.cwd()) {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, why: 'the Electron binary is not installed (node_modules/electron/path.txt is missing)' };
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { path: null, why: `the Electron binary is missing at ${binary}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, why: 'there is no display to open a window on (DISPLAY is not set)' };
  }
  return { path: binary, why: null };
}
