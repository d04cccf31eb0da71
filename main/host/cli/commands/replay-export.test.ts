/** `blackbox replay --export` end to end: the real rollback replay (once), its bundle, and `blackbox verify` on it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../core/export/print-pdf';

const root = resolve(import.meta.dirname, '../../../..');
const blackbox = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/blackbox.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'bb-replay-export-'));
const out = join(work, 'out');
const bundle = join(out, 'paradex-2026-01-rollback-claim-1');
let run: ReturnType<typeof blackbox>;

beforeAll(() => {
  run = blackbox('replay', 'scenarios/paradex-2026-01-rollback.json', '--export', out);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('blackbox replay --export', () => {
  it('writes a bundle folder and zip for the claim and says where', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['paradex-2026-01-rollback-claim-1', 'paradex-2026-01-rollback-claim-1.zip']);
    expect(run.stderr).toContain(`Exported the claim's evidence bundle to ${bundle} and ${bundle}.zip`);
    expect(run.stderr).toMatch(/export: \d+\/\d+ journal records/);
  });

  it('prints the report to PDF where Chromium exists and says so where it does not', () => {
    if (chromiumPath()) {
      expect(run.stderr).toContain(`PDF of the report: ${join(bundle, 'report.pdf')}`);
      expect(existsSync(join(bundle, 'report.pdf'))).toBe(true);
    } else {
      expect(run.stderr).toMatch(/No PDF: no Chromium to print with/);
    }
  });

  it('gives a bundle that blackbox verify accepts, folder and zip', () => {
    expect(blackbox('verify', bundle).status).toBe(0);
    const zip = blackbox('verify', `${bundle}.zip`, '--json');
    expect(zip.status, zip.stdout).toBe(0);
    expect(JSON.parse(zip.stdout).verified).toBe(true);
  });

  it('writes nothing and says so when the replay produced no claim', () => {
    const none = join(work, 'none');
    const quiet = blackbox('replay', 'scenarios/venue-status.json', '--export', none);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toContain('the replay produced no claim; nothing was written');
    expect(existsSync(none)).toBe(false);
  });
});
