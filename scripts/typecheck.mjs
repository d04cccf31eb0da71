// Type-checks every layer with its own tsconfig (its own `lib` and `types`), so a DOM call in
// main/core or a Node call in the renderer fails here, not at run time.
import { spawnSync } from 'node:child_process';

const layers = ['shared', 'core', 'host', 'preload', 'renderer', 'e2e', 'bench'];
let failed = 0;
for (const layer of layers) {
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${layer}.json`], { stdio: 'inherit' });
  console.log(`typecheck ${layer}: ${run.status === 0 ? 'ok' : 'FAILED'}`);
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
