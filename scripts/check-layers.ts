/**
 * Machine check of the layer table: reads every import of every source file (TypeScript's own
 * pre-processor, so `import type`, `export … from`, `require` and `import()` all count) and
 * reports each one its layer may not make. Exit 1 when any is found.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { LAYER_RULES, layerOf } from './layer-rules';

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** Tests run under Node whatever layer they check, so they may use the test tools and Node. */
const TEST_FILE = /\.test\.tsx?$/;
const TEST_PACKAGES = ['vitest', 'fast-check', 'node:'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'out', '.git', 'test-results', 'playwright-report', 'fixtures']);

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

const packageName = (spec: string) =>
  spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]) ? 'node:' : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

export function checkLayers(root: string, folders = ['shared', 'main', 'renderer', 'e2e', 'bench', 'scripts']): Violation[] {
  const violations: Violation[] = [];
  for (const folder of folders) {
    const start = join(root, folder);
    try {
      statSync(start);
    } catch {
      continue;
    }
    for (const file of sourceFiles(start)) {
      const fromPath = relative(root, file);
      const layer = layerOf(fromPath);
      if (!layer) continue;
      const rule = LAYER_RULES[layer];
      const isTest = TEST_FILE.test(file);
      const imports = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
      for (const { fileName: spec } of imports) {
        let reason: string | null = null;
        if (spec.startsWith('.')) {
          const target = layerOf(relative(root, resolve(dirname(file), spec)));
          if (target && !rule.layers.includes(target)) reason = `${layer} may not import ${target}`;
        } else {
          const pkg = packageName(spec);
          const allowed =
            (isTest && TEST_PACKAGES.includes(pkg)) ||
            (rule.packages === '*' ? !rule.denyPackages.includes(pkg) : rule.packages.includes(pkg));
          if (!allowed) reason = `${layer} may not import ${pkg === 'node:' ? 'Node built-ins' : `the package "${pkg}"`}`;
        }
        if (reason) violations.push({ file: fromPath, specifier: spec, reason });
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const violations = checkLayers(process.cwd());
  for (const v of violations) console.error(`${v.file}: imports "${v.specifier}": ${v.reason}`);
  console.log(violations.length === 0 ? 'layers: ok' : `layers: ${violations.length} forbidden import(s)`);
  process.exit(violations.length === 0 ? 0 : 1);
}
