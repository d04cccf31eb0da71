import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root, for the built renderer and bundled scenarios. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const rendererDir = join(packageRoot, 'out', 'renderer');
export const scenarioDir = join(packageRoot, 'scenarios');

/** Where the web host and CLI keep the journal and settings unless told otherwise. */
export function defaultDataDir(): string {
  if (process.env.BLACKBOX_DATA_DIR) return resolve(process.env.BLACKBOX_DATA_DIR);
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'blackbox');
}
