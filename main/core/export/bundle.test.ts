/**
 * The evidence bundle end to end: the real replay of the Paradex rollback (once for the file),
 * exported, verified in-process and by `blackbox verify`, then tampered with one byte at a time.
 */
import { spawnSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import { Journal } from '../journal/journal';
import { runReplay } from '../replay/run-replay';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';
import { REPLAY_ACCOUNT } from '../replay/replay-session';
import { scenarioContext } from './bundle-context';
import { FILES, REQUIRED_FILES, type Manifest } from './bundle-format';
import { exportBundle, type ExportResult } from './export-bundle';
import { loadBundle } from './load-bundle';
import { chromiumPath, printWithChromium } from './print-pdf';
import { exportReplayClaims } from './replay-export';
import { verifyBundle, type BundleVerdict } from './verify-bundle';
import { readZip } from './zip-reader';

const root = join(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bb-bundle-'));
const journalPath = join(work, 'journal.db');
const GENERATOR = 'blackbox test';
const sha256 = (text: string | Buffer) => hash('sha256', text, 'hex');
let scenario: Scenario;
let result: ExportResult;
let claim: Claim;
let incidents: IncidentView[];
let files: Map<string, Buffer>;
let lines: string[];
let manifest: Manifest;
const progress: { written: number; total: number }[] = [];

const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/blackbox.mjs'), ...args], { cwd: root, encoding: 'utf8' });

function withByteFlipped(name: string, offset: number): Map<string, Buffer> {
  const copy = new Map(files);
  const data = Buffer.from(files.get(name)!);
  data[offset] ^= 0x01;
  copy.set(name, data);
  return copy;
}

beforeAll(async () => {
  const parsed = parseScenario(readFileSync(join(root, 'scenarios/paradex-2026-01-rollback.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  scenario = parsed.value;
  await runReplay(scenario, {
    journalPath,
    onFinished: async (session, report) => {
      [result] = await exportReplayClaims(scenario, session, report, { dir: join(work, 'out'), generator: GENERATOR, onProgress: (p) => progress.push(p) });
      claim = report.claims[0];
      incidents = structuredClone(session.terminal.incidents.list());
    },
  });
  files = loadBundle(result.folder).files;
  lines = files.get(FILES.journal)!.toString('utf8').split('\n').slice(0, -1);
  manifest = JSON.parse(files.get(FILES.manifest)!.toString('utf8')) as Manifest;
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('exporting the rollback claim', () => {
  it('writes a folder and a zip with every file, the claim of 7502.5 and its context', () => {
    expect(readdirSync(join(work, 'out')).sort()).toEqual(['paradex-2026-01-rollback-claim-1', 'paradex-2026-01-rollback-claim-1.zip']);
    expect([...files.keys()].sort()).toEqual([...REQUIRED_FILES].sort());
    const claimFile = JSON.parse(files.get(FILES.claim)!.toString('utf8'));
    expect(claimFile.claim.total).toBe('7502.5');
    expect(claimFile.generator).toBe(GENERATOR);
    expect(claimFile.context.scenario.name).toBe('paradex-2026-01-rollback');
    // Whose claim: the account in claim.json, the manifest and the report.
    expect(claimFile.context.owner).toMatchObject({ id: REPLAY_ACCOUNT, venue: 'sim', network: 'local', address: 'replay' });
    expect(manifest.account).toEqual(claimFile.context.owner);
    expect(files.get(FILES.report)!.toString('utf8')).toContain('Whose records');
    expect(claimFile.incidents.map((i: IncidentView) => i.id)).toEqual(incidents.map((i) => i.id));
  });

  it('carries every record from the first relevant seq to the head, evidence in full, and reports progress', () => {
    expect(manifest.journal.head.seq).toBe(result.head.seq);
    expect(lines).toHaveLength(result.head.seq - manifest.journal.firstSeq + 1);
    const liquidation = claim.items.find((i) => i.amount === '7502.5')!;
    for (const seq of liquidation.evidence) {
      const line = JSON.parse(lines[seq - manifest.journal.firstSeq]);
      expect(line.seq).toBe(seq);
      expect(line.record.seq).toBe(seq);
      expect(line.record.kind).toBeTypeOf('string');
    }
    const fill = lines.map((l) => JSON.parse(l).record).find((r) => r?.kind === 'FILL' && r.clientId === 'liq-2');
    expect(fill.raw).toContain('"fill_type":"LIQUIDATION"');
    expect(progress.at(-1)).toEqual({ written: lines.length, total: lines.length });
  });

  it('writes decimals as strings and the venue price beside the reference in the report', () => {
    const fills = files.get(FILES.fills)!.toString('utf8');
    expect(fills).toContain('liq-2,1768824720000000000000007,paradex,BTC-USD-PERP,SELL,81000,0.5,202.5,TAKER,LIQUIDATION');
    const prices = files.get(FILES.prices)!.toString('utf8').split('\r\n');
    expect(prices[0]).toBe('seq,at,market,source,venue_mark,venue_index,reference_price,around');
    expect(prices.some((r) => /,paradex \(venue\),81000,81000,,(\S+ )*I8\b/.test(r))).toBe(true);
    const html = files.get(FILES.report)!.toString('utf8');
    expect(html).toMatch(/<td><span class="num">81,000<\/span><\/td><td><span class="num">81,000<\/span><\/td><td><span class="num">95,600<\/span><\/td><td><b>7,502\.50 USD<\/b><\/td>/);
    expect(html).toContain('<p class="summary">Liquidated at 81,000 while three independent sources said 95,600; loss 7,502.50 USD.</p>');
    expect(html).toContain('<h1>Refund claim C1: 7,502.50 USD</h1>');
    expect(html).toContain('<dt>Account</dt><dd>sim local, address <span class="mono">replay</span>');
    expect(html).toMatch(/<td>UNEXPECTED_LIQUIDATION<\/td><td>liq-2<\/td>.*<span class="seq">40434<\/span><\/td><\/tr>/);
    expect(html).toContain('.seq{white-space:nowrap');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<(script|link|img)\b|https?:\/\//);
  });

  it('gives the same bytes when exported again from the journal file', async () => {
    const journal = Journal.openReadOnly(journalPath);
    try {
      const again = await exportBundle({ journal, claim, claimId: 'C1', incidents, context: scenarioContext(scenario, REPLAY_ACCOUNT), generator: GENERATOR, dir: join(work, 'again'), name: 'b' });
      for (const name of again.files) expect(readFileSync(join(again.folder, name)).equals(files.get(name)!), name).toBe(true);
      expect(readFileSync(again.zip).equals(readFileSync(result.zip))).toBe(true);
      await expect(exportBundle({ journal, claim, incidents, context: scenarioContext(scenario, REPLAY_ACCOUNT), generator: GENERATOR, dir: join(work, 'again'), name: 'b' })).rejects.toThrow(/already exists/);
    } finally {
      journal.close();
    }
  });
});

describe('verifying the bundle', () => {
  it('passes on the fresh folder and the fresh zip', async () => {
    const verdict = await verifyBundle(files);
    expect(verdict.failures).toEqual([]);
    expect(verdict).toMatchObject({ verified: true, records: lines.length, fullRecords: manifest.journal.fullRecords, head: result.head });
    const zipped = loadBundle(result.zip);
    expect(zipped.kind).toBe('zip');
    expect((await verifyBundle(zipped.files)).verified).toBe(true);
  });

  it('round-trips the zip: the same bytes as the folder, and unzip -t agrees', () => {
    const entries = readZip(readFileSync(result.zip));
    expect([...entries.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [name, data] of entries) expect(data.equals(files.get(name)!), name).toBe(true);
    // Required, not skipped when missing: .ci/run installs unzip (apt-get install unzip).
    const test = spawnSync('unzip', ['-t', result.zip], { encoding: 'utf8' });
    expect(test.error, 'unzip must be installed (apt-get install unzip)').toBeUndefined();
    expect(test.stdout).toContain('No errors detected');
  });

  it('fails when one byte of any file changes, naming the file', async () => {
    for (const name of files.keys()) {
      const size = files.get(name)!.length;
      for (const offset of [0, Math.floor(size / 2), size - 1]) {
        const verdict = await verifyBundle(withByteFlipped(name, offset));
        expect(verdict.verified, `${name} byte ${offset}`).toBe(false);
        if (name !== FILES.manifest) expect(verdict.failures.map((f) => f.file), `${name} byte ${offset}`).toContain(name);
        else expect(verdict.failures.length).toBeGreaterThan(0);
      }
    }
  }, 120_000);

  it('fails when one byte of a journal line changes, naming the line and seq', async () => {
    const full = lines.findIndex((l, i) => i > 0 && l.includes('"kind":"FILL"'));
    const link = lines.findIndex((l) => !l.includes('"record"'));
    const picks = [0, full, link, link + 1, lines.length - 1];
    const offsetOf = (index: number) => lines.slice(0, index).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    for (const index of picks) {
      const length = Buffer.byteLength(lines[index]);
      for (const within of [1, Math.floor(length / 3), Math.floor((2 * length) / 3), length - 3]) {
        const verdict: BundleVerdict = await verifyBundle(withByteFlipped(FILES.journal, offsetOf(index) + within));
        const named = verdict.failures.filter((f) => f.file === FILES.journal && f.line !== undefined);
        const where = `line ${index + 1} byte ${within}`;
        expect(verdict.verified, where).toBe(false);
        // A link's own hash cannot be recomputed: a change to it shows where the next line points back at it.
        const lineNos = named.map((f) => f.line);
        expect(lineNos.includes(index + 1) || (lineNos.includes(index + 2) && !lines[index].includes('"record"')), where).toBe(true);
        const failure = named.find((f) => f.line === index + 1) ?? named.find((f) => f.line === index + 2)!;
        expect(failure.seq, where).toBe(manifest.journal.firstSeq + failure.line! - 1);
      }
    }
  }, 120_000);

  it('fails when the claim names evidence the journal lines carry only as a link', async () => {
    const claimFile = JSON.parse(files.get(FILES.claim)!.toString('utf8'));
    const linkSeq = JSON.parse(lines.find((l) => !l.includes('"record"'))!).seq as number;
    claimFile.claim.items[0].evidence.push(linkSeq);
    const copy = new Map(files).set(FILES.claim, Buffer.from(JSON.stringify(claimFile, null, 2) + '\n'));
    const verdict = await verifyBundle(copy);
    expect(verdict.failures).toContainEqual(expect.objectContaining({ file: FILES.claim, seq: linkSeq }));
  });

  it('rehashes evidence through the journal\'s chainHash, so a rechained record in a non-canonical form still fails', async () => {
    // A forger who rewrites an evidence record and rehashes every line after it up to a new head
    // (version 2: a full line hashes H(prev ‖ H(record)), a link H(prev ‖ recordHash)).
    const seq = claim.items.find((i) => i.amount === '7502.5')!.evidence[0];
    const index = seq - manifest.journal.firstSeq;
    const forged = [...lines];
    let prev = JSON.parse(lines[index]).prevHash as string;
    const recordOf = (line: string) => (line.includes(',"record":') ? line.slice(line.indexOf(',"record":') + 10, -1) : null);
    for (let i = index; i < forged.length; i++) {
      const line = JSON.parse(forged[i]) as { seq: number; hash: string };
      let record = recordOf(forged[i]);
      if (i === index) record = record!.replace('"payload":{', '"payload":{ ');
      const own = record === null ? (JSON.parse(forged[i]) as { recordHash: string }).recordHash : sha256(record);
      const hash = sha256(prev + own);
      forged[i] = `{"seq":${line.seq},"prevHash":"${prev}","hash":"${hash}"${record === null ? `,"recordHash":"${own}"` : `,"record":${record}`}}`;
      prev = hash;
    }
    const journalData = Buffer.from(forged.join('\n') + '\n');
    const forgedManifest = { ...manifest, files: { ...manifest.files, [FILES.journal]: sha256(journalData) }, journal: { ...manifest.journal, head: { seq: result.head.seq, hash: prev } } };
    const copy = new Map(files).set(FILES.journal, journalData).set(FILES.manifest, Buffer.from(JSON.stringify(forgedManifest, null, 2) + '\n'));
    const verdict = await verifyBundle(copy);
    // (report.html names the head, so it no longer matches the records either: the forger did not remake it.)
    expect(verdict.failures.filter((f) => f.file === FILES.journal)).toEqual([{ file: FILES.journal, line: index + 1, seq, reason: expect.stringContaining("not in the journal's canonical form") }]);
  });
});

describe('blackbox verify', () => {
  it('exits 0 on the fresh bundle, folder and zip, and prints {verified, failures} with --json', () => {
    const folder = cli('verify', result.folder);
    expect(folder.status, folder.stderr).toBe(0);
    expect(folder.stdout).toContain(`Verified: ${files.size} files`);
    const zip = cli('verify', result.zip, '--json');
    expect(zip.status, zip.stderr).toBe(0);
    expect(JSON.parse(zip.stdout)).toMatchObject({ verified: true, failures: [] });
  });

  it('exits 1 naming the file, line and seq when a record was changed', () => {
    const copy = join(work, 'tampered');
    cpSync(result.folder, copy, { recursive: true });
    const index = lines.findIndex((l) => l.includes('"clientId":"liq-2"') && l.includes('"kind":"FILL"'));
    const changed = [...lines];
    changed[index] = changed[index].replace('"price":"81000"', '"price":"95600"');
    writeFileSync(join(copy, FILES.journal), changed.join('\n') + '\n');
    const run = cli('verify', copy);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`journal.jsonl, line ${index + 1}, seq ${manifest.journal.firstSeq + index}: its contents do not match its hash`);
    expect(run.stdout).toContain('journal.jsonl: its SHA-256 does not match the manifest');
    const json = JSON.parse(cli('verify', copy, '--json').stdout);
    expect(json.verified).toBe(false);
    expect(json.failures).toContainEqual({ file: FILES.journal, line: index + 1, seq: manifest.journal.firstSeq + index, reason: expect.stringContaining('do not match its hash') });
  });

  it('exits 1 for a damaged zip and 2 for what is not a bundle', () => {
    const zip = readFileSync(result.zip);
    zip[Math.floor(zip.length / 3)] ^= 0x01;
    const damaged = join(work, 'damaged.zip');
    writeFileSync(damaged, zip);
    const run = cli('verify', damaged);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/damaged\.zip: the zip is damaged/);
    expect(cli('verify', join(work, 'nowhere')).status).toBe(2);
    expect(cli('verify', work).status).toBe(2);
  });
});

describe('the report as a PDF', () => {
  it('says why when there is no Chromium', async () => {
    const pdf = await printWithChromium(join(result.folder, FILES.report), join(work, 'x.pdf'), null);
    expect(pdf).toMatchObject({ ok: false, reason: expect.stringContaining('no Chromium') });
  });

  it.skipIf(!chromiumPath())('prints report.html with headless Chromium where it is installed', async () => {
    const out = join(work, 'report.pdf');
    const pdf = await printWithChromium(join(result.folder, FILES.report), out);
    expect(pdf).toEqual({ ok: true, path: out });
    expect(existsSync(out) && readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
