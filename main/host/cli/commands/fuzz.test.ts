import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
const blackbox = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/blackbox.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('blackbox fuzz', () => {
  it('prints {cases, violations, seed} with --json and exits 0 only when no violation was found', () => {
    const run = blackbox('fuzz', '--cases', '2', '--seed', '5', '--json');
    const result = JSON.parse(run.stdout) as { cases: number; violations: { rule: string; message: string }[]; seed: number; scenario?: unknown };
    expect(result.seed).toBe(5);
    expect(result.cases).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(result.violations)).toBe(true);
    expect(run.status).toBe(result.violations.length === 0 ? 0 : 1);
    // A failure carries the shrunk scenario to replay; a clean run does not.
    expect(result.scenario === undefined).toBe(result.violations.length === 0);
    expect(run.stderr).toContain('fuzz: 2 cases, seed 5');
  }, 120_000);

  it('refuses a bad count with exit 2', () => {
    const run = blackbox('fuzz', '--cases', 'many');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--cases must be a whole number, got "many"');
  });
});
