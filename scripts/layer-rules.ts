/**
 * DESIGN §3's layer table, as data. A file's layer is its folder; each layer lists the layers
 * and packages it may import. Node built-ins count as the package "node:".
 */
export type Layer =
  | 'shared' | 'core' | 'host/electron' | 'host/web' | 'host/cli' | 'preload' | 'renderer' | 'e2e' | 'bench' | 'scripts';

export interface LayerRule {
  layers: Layer[];
  /** Packages allowed ('*' = any not denied); 'node:' stands for every Node built-in. */
  packages: string[] | '*';
  denyPackages: string[];
}

const ELECTRON = ['electron', 'electron-store'];
const UI = ['react', 'react-dom', 'lightweight-charts'];

export const LAYER_RULES: Record<Layer, LayerRule> = {
  shared: { layers: ['shared'], packages: ['zod', 'decimal.js'], denyPackages: [] },
  core: { layers: ['core', 'shared'], packages: '*', denyPackages: [...ELECTRON, ...UI] },
  'host/electron': { layers: ['host/electron', 'core', 'shared'], packages: '*', denyPackages: UI },
  'host/web': { layers: ['host/web', 'core', 'shared'], packages: '*', denyPackages: [...ELECTRON, ...UI] },
  'host/cli': { layers: ['host/cli', 'host/web', 'core', 'shared', 'bench'], packages: '*', denyPackages: [...ELECTRON, ...UI] },
  preload: { layers: ['shared'], packages: ['electron'], denyPackages: [] },
  renderer: { layers: ['renderer', 'shared'], packages: [...UI, 'zod', 'decimal.js'], denyPackages: [] },
  e2e: { layers: ['e2e', 'shared', 'core', 'scripts'], packages: '*', denyPackages: [...ELECTRON, ...UI] },
  bench: { layers: ['bench', 'core', 'shared', 'host/web'], packages: '*', denyPackages: [...ELECTRON, ...UI] },
  scripts: { layers: ['scripts'], packages: '*', denyPackages: [...ELECTRON, ...UI] },
};

/** The layer of a path relative to the repository root, or null for files outside the layers. */
export function layerOf(relativePath: string): Layer | null {
  const p = relativePath.split('\\').join('/');
  if (p.startsWith('shared/')) return 'shared';
  if (p.startsWith('main/core/')) return 'core';
  if (p.startsWith('main/host/electron/')) return 'host/electron';
  if (p.startsWith('main/host/web/')) return 'host/web';
  if (p.startsWith('main/host/cli/')) return 'host/cli';
  if (p.startsWith('main/preload/')) return 'preload';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('e2e/')) return 'e2e';
  if (p.startsWith('bench/')) return 'bench';
  if (p.startsWith('scripts/')) return 'scripts';
  return null;
}
