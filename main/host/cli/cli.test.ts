import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const blackbox = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/blackbox.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('the blackbox command', () => {
  it('lists its commands with --help', () => {
    const run = blackbox('--help');
    expect(run.status).toBe(0);
    for (const name of ['serve', 'replay', 'bench']) expect(run.stdout).toContain(name);
  });

  it('exits 2 naming an unknown command or option', () => {
    expect(blackbox('fly').status).toBe(2);
    const run = blackbox('serve', '--colour', 'red');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown option --colour');
  });

  it('refuses a bad scenario with exit 2, naming the field, and runs nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-cli-'));
    const file = join(dir, 'bad.json');
    const scenario = JSON.parse(readScenario('dydx-2025-10-halt.json'));
    scenario.steps[2] = { at: '00:10:00', venue: { teleport: { market: 'ETH-USD-PERP' } } };
    writeFileSync(file, JSON.stringify(scenario));
    const run = blackbox('replay', file, '--json', '--journal', join(dir, 'j.db'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/steps\[2\]\.venue.*teleport/);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'j.db'))).toBe(false);
  });
});

function readScenario(name: string): string {
  return readFileSync(join(root, 'scenarios', name), 'utf8');
}

describe('bench suites', () => {
  it('the names the CLI offers are exactly the suites it runs', async () => {
    const { SUITES } = await import('../../../bench/run');
    const { SUITE_NAMES } = await import('../../../bench/suite-names');
    expect(SUITES.map((s) => s.name)).toEqual([...SUITE_NAMES]);
  });
});
