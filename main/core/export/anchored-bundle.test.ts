/**
 * The rollback replay anchored by a real TSA on loopback (openssl ts -reply, its own root),
 * exported, and verified offline with that root; then each forgery a stranger could try on the
 * bundle — a token over another hash, a tampered token, an untrusted root, a claim inflated
 * consistently, an evidence record rewritten and reconnected, a chain rehashed to a new head,
 * an edited report, an unsafe zip — is refused with its own message.
 */
import { spawnSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnchorPayload } from '../anchor/anchorer';
import { startTestTsa, type TestTsa } from '../anchor/test-support/openssl-tsa';
import { parsePemCertificates } from '../anchor/token';
import { requestToken } from '../anchor/tsa-client';
import { Journal } from '../journal/journal';
import { runReplay } from '../replay/run-replay';
import { parseScenario } from '../scenario/parse';
import { FILES, type Manifest } from './bundle-format';
import type { ExportResult } from './export-bundle';
import { loadBundle } from './load-bundle';
import { exportReplayClaims } from './replay-export';
import { verifyBundle, type BundleVerdict } from './verify-bundle';
import { writeZip } from './zip-writer';

const root = join(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bb-anchored-'));
const sha256 = (data: string | Buffer) => hash('sha256', data, 'hex');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/blackbox.mjs'), ...args], { cwd: root, encoding: 'utf8' });

let tsa: TestTsa;
let otherTsa: TestTsa;
let result: ExportResult;
let files: Map<string, Buffer>;
let lines: string[];
let manifest: Manifest;
const roots = () => parsePemCertificates(readFileSync(tsa.rootPem, 'utf8'));

beforeAll(async () => {
  tsa = await startTestTsa();
  otherTsa = await startTestTsa();
  const parsed = parseScenario(readFileSync(join(root, 'scenarios/paradex-2026-01-rollback.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const scenario = parsed.value;
  await runReplay(scenario, {
    journalPath: join(work, 'journal.db'),
    tsaUrls: [tsa.url],
    onFinished: async (session, report) => {
      [result] = await exportReplayClaims(scenario, session, report, { dir: join(work, 'out'), generator: 'blackbox test' });
    },
  });
  files = loadBundle(result.folder).files;
  lines = files.get(FILES.journal)!.toString('utf8').split('\n').slice(0, -1);
  manifest = JSON.parse(files.get(FILES.manifest)!.toString('utf8')) as Manifest;
}, 600_000);
afterAll(async () => {
  await tsa.close();
  await otherTsa.close();
  rmSync(work, { recursive: true, force: true });
});

const lineOf = (seq: number) => seq - manifest.journal.firstSeq;
const recordOf = (line: string) => (line.includes(',"record":') ? line.slice(line.indexOf(',"record":') + 10, -1) : null);
const manifestText = (m: Manifest) => Buffer.from(JSON.stringify(m, null, 2) + '\n');

/** The bundle with `changed` files, its manifest's hashes fixed (and its head, when the chain moved). */
function withFiles(changed: Record<string, Buffer>, head = manifest.journal.head): Map<string, Buffer> {
  const copy = new Map(files);
  const fixed: Manifest = { ...manifest, files: { ...manifest.files }, journal: { ...manifest.journal, head } };
  for (const [name, data] of Object.entries(changed)) {
    copy.set(name, data);
    fixed.files[name] = sha256(data);
  }
  return copy.set(FILES.manifest, manifestText(fixed));
}

/**
 * A forger's rewrite of the record at line `index`, every later line rehashed by the version-2
 * rules (anyone can: a link carries its record's hash) up to a new head, the manifest fixed.
 */
function rechained(index: number, rewrite: (record: string) => string): Map<string, Buffer> {
  const forged = [...lines];
  let prev = (JSON.parse(lines[index]) as { prevHash: string }).prevHash;
  for (let i = index; i < forged.length; i++) {
    const line = JSON.parse(forged[i]) as { seq: number; recordHash?: string };
    const record = i === index ? rewrite(recordOf(forged[i])!) : recordOf(forged[i]);
    const own = record === null ? line.recordHash! : sha256(record);
    const next = sha256(prev + own);
    forged[i] = `{"seq":${line.seq},"prevHash":"${prev}","hash":"${next}"${record === null ? `,"recordHash":"${own}"` : `,"record":${record}`}}`;
    prev = next;
  }
  return withFiles({ [FILES.journal]: Buffer.from(forged.join('\n') + '\n') }, { seq: manifest.journal.head.seq, hash: prev });
}

const reasons = (verdict: BundleVerdict) => verdict.failures.map((f) => f.reason);
const anchorLine = () => lines.findIndex((l) => l.includes('"kind":"ANCHOR"'));

describe('an anchored replay export', () => {
  it('carries the claim, its journalled CLAIM_CREATED and the token of the head that holds it', () => {
    expect(manifest.bundle).toBe(2);
    expect(manifest.derived).toEqual([FILES.report, FILES.orders, FILES.fills, FILES.prices]);
    const claimLine = JSON.parse(lines[lineOf(manifest.claimSeq!)]).record;
    expect(claimLine).toMatchObject({ kind: 'CLAIM_CREATED', payload: { claim: { id: 'C1', total: '7502.5' } } });
    expect(manifest.anchors).toHaveLength(1);
    const [anchor] = manifest.anchors!;
    expect(anchor.headSeq).toBeGreaterThanOrEqual(manifest.claimSeq!);
    expect(JSON.parse(lines[lineOf(anchor.headSeq)]).hash).toBe(anchor.headHash);
    const record = JSON.parse(lines[lineOf(anchor.seq)]).record as { kind: string; payload: AnchorPayload };
    expect(record).toMatchObject({ kind: 'ANCHOR', account: 'sim:local:replay', payload: { tsa: tsa.url, headSeq: anchor.headSeq } });
    // The terminal also anchored every 10 minutes and when an incident opened (04:33:00, off the 10-minute rhythm).
    const journal = Journal.openReadOnly(join(work, 'journal.db'));
    try {
      const [opened] = journal.query({ kind: 'INCIDENT_OPENED', limit: 1 }).events;
      const anchors = journal.query({ kind: 'ANCHOR', limit: 1000 }).events;
      expect(anchors.find((e) => e.at === Date.parse('2026-01-19T04:10:00Z'))).toBeDefined();
      expect(opened.at).toBe(Date.parse('2026-01-19T04:33:00Z'));
      const atIncident = anchors.find((e) => e.at === opened.at)!;
      expect((atIncident.payload as AnchorPayload).headSeq).toBeGreaterThanOrEqual(opened.seq);
    } finally {
      journal.close();
    }
    const html = files.get(FILES.report)!.toString('utf8');
    expect(html).toContain(`records <span class="seq">1–${anchor.headSeq.toLocaleString('en-US')}</span> existed no later than`);
  });

  it('verifies offline with --tsa-roots and says what the token proves; --json lists the anchors', () => {
    const run = cli('verify', result.zip, '--tsa-roots', tsa.rootPem);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const [anchor] = manifest.anchors!;
    expect(run.stdout).toMatch(new RegExp(`records 1–${anchor.headSeq.toLocaleString('en-US')} existed no later than \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(TSA Blackbox Test TSA, ${tsa.url}\\)`));
    const json = JSON.parse(cli('verify', result.folder, '--tsa-roots', tsa.rootPem, '--json').stdout);
    expect(json).toMatchObject({ verified: true, failures: [] });
    expect(json.anchors).toEqual([{ seq: anchor.seq, headSeq: anchor.headSeq, hash: anchor.headHash, tsa: tsa.url, genTime: anchor.genTime, verified: true, trusted: true }]);
  });

  it('fails against an untrusted root: the bundled well-known roots, or another TSA\'s', async () => {
    const run = cli('verify', result.folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('does not hold: the TSA certificate does not chain to a trusted root');
    const other = await verifyBundle(files, { roots: parsePemCertificates(readFileSync(otherTsa.rootPem, 'utf8')) });
    expect(other.anchors).toEqual([expect.objectContaining({ verified: true, trusted: false })]);
    expect(reasons(other)).toEqual([expect.stringContaining('does not chain to a trusted root')]);
  });

  it('fails on a token over a different hash, even with the chain rehashed around it', async () => {
    const other = await requestToken(tsa.url, 'ab'.repeat(32));
    const verdict = await verifyBundle(rechained(anchorLine(), (r) => r.replace(/"token":"[^"]+"/, `"token":"${other.token.toString('base64')}"`)), { roots: roots() });
    // (report.html, which names the head, no longer matches either: the forger did not remake it.)
    expect(reasons(verdict)).toContainEqual(expect.stringMatching(/^its time-stamp token \(TSA Blackbox Test TSA\) does not hold: the token stamps another hash/));
    expect(verdict.anchors[0]).toMatchObject({ verified: false, trusted: false });
  });

  it('fails on a tampered token', async () => {
    const tampered = (record: string) => record.replace(/"token":"([^"]+)"/, (_m, token: string) => {
      const bytes = Buffer.from(token, 'base64');
      bytes[bytes.length - 20] ^= 0x01;
      return `"token":"${bytes.toString('base64')}"`;
    });
    const verdict = await verifyBundle(rechained(anchorLine(), tampered), { roots: roots() });
    expect(reasons(verdict)).toContainEqual('its time-stamp token (TSA Blackbox Test TSA) does not hold: its signature does not hold: the token was changed or not made by its TSA');
  });

  it('fails on a claim inflated consistently: an item doubled, the total and the manifest fixed', async () => {
    const claimFile = JSON.parse(files.get(FILES.claim)!.toString('utf8'));
    const liquidation = claimFile.claim.items.findIndex((i: { amount: string | null }) => i.amount === '7502.5');
    claimFile.claim.items[liquidation].amount = '15005';
    claimFile.claim.total = '15005';
    const doubled = await verifyBundle(withFiles({ [FILES.claim]: Buffer.from(JSON.stringify(claimFile, null, 2) + '\n') }), { roots: roots() });
    expect(reasons(doubled)).toContainEqual(expect.stringMatching(
      new RegExp(`^item ${liquidation + 1} \\(UNEXPECTED_LIQUIDATION liq-2\\) claims 15005, but its FILL record \\(seq \\d+: SELL 0\\.5 at 81000, fee 202\\.5\\) against the independent price 95600 gives 7502\\.5$`),
    ));
    expect(reasons(doubled)).toContainEqual(`the claim is not the one journalled at seq ${manifest.claimSeq} (CLAIM_CREATED: 7 items, total 7502.5)`);

    const twice = JSON.parse(files.get(FILES.claim)!.toString('utf8'));
    twice.claim.items.push(twice.claim.items[liquidation]);
    twice.claim.total = '15005';
    const repeated = await verifyBundle(withFiles({ [FILES.claim]: Buffer.from(JSON.stringify(twice, null, 2) + '\n') }), { roots: roots() });
    expect(reasons(repeated)).toContainEqual(expect.stringMatching(/^item 8 \(UNEXPECTED_LIQUIDATION liq-2\) claims the same fill \(seq \d+\) as item 7: a loss is counted once$/));
  });

  it('catches an evidence record rewritten and reconnected at the next link line', async () => {
    const fill = lines.findIndex((l) => l.includes('"kind":"FILL"') && l.includes('"clientId":"liq-2"'));
    const forged = [...lines];
    let prev = JSON.parse(lines[fill]).prevHash as string;
    let i = fill;
    // Rewrite the liquidation's price, rehash the full lines after it, and splice into the first link with its hash kept.
    for (; recordOf(forged[i]) !== null; i++) {
      const line = JSON.parse(forged[i]) as { seq: number };
      const record = i === fill ? recordOf(forged[i])!.replace('"price":"81000"', '"price":"61000"') : recordOf(forged[i])!;
      const next = sha256(prev + sha256(record));
      forged[i] = `{"seq":${line.seq},"prevHash":"${prev}","hash":"${next}","record":${record}}`;
      prev = next;
    }
    const link = JSON.parse(forged[i]) as { seq: number; hash: string; recordHash: string };
    forged[i] = `{"seq":${link.seq},"prevHash":"${prev}","hash":"${link.hash}","recordHash":"${link.recordHash}"}`;
    const verdict = await verifyBundle(withFiles({ [FILES.journal]: Buffer.from(forged.join('\n') + '\n') }), { roots: roots() });
    expect(verdict.failures).toContainEqual({ file: FILES.journal, line: i + 1, seq: link.seq, reason: 'its hash is not SHA-256(prevHash ‖ recordHash): the chain was cut and reconnected here' });
  });

  it('catches a whole chain rehashed after a rewritten record: it no longer reaches the anchored head', async () => {
    const fill = lines.findIndex((l) => l.includes('"kind":"FILL"') && l.includes('"clientId":"liq-2"'));
    const verdict = await verifyBundle(rechained(fill, (r) => r.replace('"price":"81000"', '"price":"61000"')), { roots: roots() });
    const [anchor] = manifest.anchors!;
    expect(reasons(verdict)).toContainEqual(expect.stringMatching(new RegExp(`^its token stamps ${anchor.headHash.slice(0, 16)}… as the head at seq ${anchor.headSeq}, but the chain gives [0-9a-f]{16}… there$`)));
  });

  it('catches report.html\'s total edited with its manifest hash fixed', async () => {
    const html = files.get(FILES.report)!.toString('utf8');
    expect(html).toContain('<dd class="total">7,502.50 USD</dd>');
    const edited = html.replace('<dd class="total">7,502.50 USD</dd>', '<dd class="total">17,502.50 USD</dd>');
    const verdict = await verifyBundle(withFiles({ [FILES.report]: Buffer.from(edited) }), { roots: roots() });
    expect(verdict.failures).toEqual([{ file: FILES.report, reason: expect.stringMatching(/^it is not what claim\.json and the journal records give \(first difference at byte \d+\): it was edited after export$/) }]);
  });
});

describe('blackbox verify on a zip from a stranger', () => {
  const zipOf = (entries: { name: string; data: Buffer }[]) => {
    const path = join(work, `stranger-${entries.length}-${entries[entries.length - 1].name.replace(/\W/g, '')}.zip`);
    writeFileSync(path, writeZip(entries, Date.UTC(2026, 0, 19)));
    return path;
  };
  const bundle = () => [...files].map(([name, data]) => ({ name, data }));

  it('refuses a zip bomb', () => {
    const run = cli('verify', zipOf([...bundle().filter((e) => e.name !== FILES.journal), { name: FILES.journal, data: Buffer.alloc(64 * 1024 * 1024) }]));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/the zip is refused as unsafe to open: journal\.jsonl: it would unpack \d+ times its packed size \(a zip bomb\)/);
  });

  it('refuses a ../ entry', () => {
    const run = cli('verify', zipOf([...bundle(), { name: '../evil.sh', data: Buffer.from('rm -rf ~\n') }]));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('the zip is refused as unsafe to open: ../evil.sh: a path that climbs out of the bundle (..)');
  });
});
