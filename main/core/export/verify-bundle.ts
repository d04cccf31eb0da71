/**
 * Checks an evidence bundle offline (DESIGN §2.7, §10): every file against the manifest's
 * SHA-256, every full record's hash recomputed over the exact bytes the journal hashed, every
 * chain link up to the head the manifest names, that claim.json's evidence is all there in full
 * — each evidence record also parsed and rehashed through the journal's own chainHash, which
 * holds only for a record in the journal's canonical form — and that the claim's total is the
 * sum of its items. It names each failure (file, line, seq) and repairs nothing.
 */
import { hash } from 'node:crypto';
import Decimal from 'decimal.js';
import { canonicalJson } from '../journal/canonical-json';
import { chainHash, type ChainRecord } from '../journal/chain';
import { BUNDLE_FORMAT, FILES, REQUIRED_FILES, jsonText, parseLine, seqInRecord, type Anchor, type Manifest } from './bundle-format';

export interface BundleFailure {
  file: string;
  line?: number;
  seq?: number;
  reason: string;
}

export interface BundleVerdict {
  verified: boolean;
  failures: BundleFailure[];
  /** Failures beyond those listed. */
  moreFailures: number;
  files: number;
  records: number;
  fullRecords: number;
  head: Anchor | null;
}

export interface VerifyBundleProgress {
  checked: number;
  total: number;
}

const MAX_LISTED = 200;
const STRIDE = 16_384;
const HEX64 = /^[0-9a-f]{64}$/;

class Failures {
  readonly listed: BundleFailure[] = [];
  more = 0;
  add(failure: BundleFailure): void {
    if (this.listed.length < MAX_LISTED) this.listed.push(failure);
    else this.more += 1;
  }
}

const sha256 = (data: Buffer): string => hash('sha256', data, 'hex');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readManifest(files: ReadonlyMap<string, Buffer>, failures: Failures): Manifest | null {
  const data = files.get(FILES.manifest);
  if (!data) {
    failures.add({ file: FILES.manifest, reason: 'the bundle has no manifest' });
    return null;
  }
  const text = data.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    failures.add({ file: FILES.manifest, reason: `it is not JSON: ${(err as Error).message}` });
    return null;
  }
  const m = value as Manifest;
  const j = isObject(value) && isObject(value.journal) ? (value.journal as Manifest['journal']) : null;
  const wellFormed =
    isObject(value) && m.bundle === BUNDLE_FORMAT && isObject(m.files) && Object.values(m.files).every((h) => typeof h === 'string' && HEX64.test(h)) &&
    j !== null && j.file === FILES.journal && Number.isSafeInteger(j.firstSeq) && Number.isSafeInteger(j.fullRecords) &&
    isObject(j.head) && Number.isSafeInteger(j.head.seq) && typeof j.head.hash === 'string' && HEX64.test(j.head.hash);
  if (!wellFormed) {
    failures.add({ file: FILES.manifest, reason: `it is not a format-${BUNDLE_FORMAT} manifest (bundle, files, journal.file/firstSeq/head/fullRecords)` });
    return null;
  }
  if (jsonText(value) !== text) failures.add({ file: FILES.manifest, reason: 'it is not written in the exact form the exporter writes (it was edited)' });
  return m;
}

function checkFiles(files: ReadonlyMap<string, Buffer>, manifest: Manifest, failures: Failures): void {
  for (const name of REQUIRED_FILES) {
    if (name !== FILES.manifest && !(name in manifest.files)) failures.add({ file: FILES.manifest, reason: `it does not list ${name}` });
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const data = files.get(name);
    if (!data) failures.add({ file: name, reason: 'the manifest lists it but the bundle does not hold it' });
    else if (sha256(data) !== expected) failures.add({ file: name, reason: 'its SHA-256 does not match the manifest (the file was changed)' });
  }
  for (const name of files.keys()) {
    if (name !== FILES.manifest && !(name in manifest.files)) failures.add({ file: name, reason: 'the manifest does not list it' });
  }
}

interface ChainWalk {
  records: number;
  fullRecords: number;
  /** The journal's lines and which of them are full records, for the evidence checks. */
  lines: string[];
  firstSeq: number;
  isFull: Uint8Array;
}

/**
 * chainHash's formula (chain.ts) applied to the record's text as the line carries it, which is
 * hashedText's output byte for byte; hashing it as it stands is what keeps verification fast.
 */
const recordHash = (prevHash: string, record: string): string => hash('sha256', prevHash + record, 'hex');

/**
 * One line against the chain; returns its hash (as stated) for the next line's prevHash, or null
 * when unreadable. A full line's hash is recomputed, so only a link's needs its form checked; a
 * prevHash equal to the line before's hash needs no check of its own.
 */
function checkLine(text: string, lineNo: number, expectedSeq: number, prevHash: string | null, failures: Failures): { hash: string; full: boolean } | null {
  const line = parseLine(text);
  if (!line) {
    failures.add({ file: FILES.journal, line: lineNo, seq: expectedSeq, reason: 'the line is neither a full record nor a link as the exporter writes them (it was edited)' });
    return null;
  }
  const fail = (reason: string) => failures.add({ file: FILES.journal, line: lineNo, seq: line.seq, reason });
  if (line.seq !== expectedSeq) fail(`expected seq ${expectedSeq} here: records are missing or out of order`);
  if (prevHash === null ? !HEX64.test(line.prevHash) : line.prevHash !== prevHash) {
    fail(prevHash === null ? 'its prevHash is not 64 lowercase hex characters' : `its prevHash is not the hash of line ${lineNo - 1} (seq ${expectedSeq - 1})`);
  }
  if (line.record === null) {
    if (!HEX64.test(line.hash)) fail('its hash is not 64 lowercase hex characters');
  } else if (recordHash(line.prevHash, line.record) !== line.hash) fail('its contents do not match its hash (the record was changed)');
  else if (seqInRecord(line.record) !== line.seq) fail('the record inside the line names another seq');
  return { hash: line.hash, full: line.record !== null };
}

async function checkJournal(data: Buffer, manifest: Manifest, failures: Failures, onProgress?: (p: VerifyBundleProgress) => void): Promise<ChainWalk> {
  const { firstSeq, head, fullRecords } = manifest.journal;
  const text = data.toString('utf8');
  if (!text.endsWith('\n')) failures.add({ file: FILES.journal, reason: 'the file does not end with a line break (it was cut short or edited)' });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const total = lines.length;
  const isFull = new Uint8Array(total);
  let fullCount = 0;
  let prevHash: string | null = null;
  for (let i = 0; i < total; i++) {
    const checked = checkLine(lines[i], i + 1, firstSeq + i, prevHash, failures);
    prevHash = checked?.hash ?? null;
    if (checked?.full) {
      isFull[i] = 1;
      fullCount += 1;
    }
    if ((i + 1) % STRIDE === 0) {
      onProgress?.({ checked: i + 1, total });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.({ checked: total, total });
  const lastSeq = firstSeq + total - 1;
  if (lastSeq !== head.seq || prevHash !== head.hash) {
    failures.add({ file: FILES.journal, line: total, seq: lastSeq, reason: `the chain does not end at the manifest's head (seq ${head.seq}, ${head.hash.slice(0, 16)}…)` });
  }
  if (fullCount !== fullRecords) failures.add({ file: FILES.manifest, reason: `it says ${fullRecords} full records; journal.jsonl holds ${fullCount}` });
  return { records: total, fullRecords: fullCount, lines, firstSeq, isFull };
}

interface ClaimFile {
  claim: { items: { amount: string | null; clientId: string; evidence: number[] }[]; total: string };
  incidents: { id: string; evidence: number[] }[];
}

/** An evidence record read as the journal reads it and rehashed with the journal's chainHash. */
function rehashes(text: string): boolean {
  const r = parseLine(text)!;
  try {
    const v = JSON.parse(r.record!) as Record<string, unknown>;
    const record = {
      seq: v.seq, at: v.at, venueAt: v.venueAt, venue: v.venue, kind: v.kind, market: v.market, clientId: v.clientId,
      venueOrderId: v.venueOrderId, payload: canonicalJson(v.payload), raw: v.raw,
    } as ChainRecord;
    return chainHash(r.prevHash, record) === r.hash;
  } catch {
    return false;
  }
}

function checkClaim(data: Buffer, walk: ChainWalk, failures: Failures): void {
  let parsed: ClaimFile;
  try {
    parsed = JSON.parse(data.toString('utf8')) as ClaimFile;
    if (!Array.isArray(parsed.claim.items) || !Array.isArray(parsed.incidents)) throw new Error('claim.items and incidents must be lists');
  } catch (err) {
    failures.add({ file: FILES.claim, reason: `it is not a claim: ${(err as Error).message}` });
    return;
  }
  const rehashed = new Map<number, boolean>();
  const missing = (seqs: unknown, what: string) => {
    for (const seq of Array.isArray(seqs) ? (seqs as number[]) : []) {
      const index = seq - walk.firstSeq;
      if (walk.isFull[index] !== 1) failures.add({ file: FILES.claim, seq, reason: `${what} names evidence seq ${seq}, which journal.jsonl does not hold in full` });
      else if (!rehashed.has(seq)) {
        rehashed.set(seq, rehashes(walk.lines[index]));
        if (!rehashed.get(seq)) failures.add({ file: FILES.journal, line: index + 1, seq, reason: 'this evidence record is not in the journal\'s canonical form: chainHash does not give its hash' });
      }
    }
  };
  parsed.claim.items.forEach((item, n) => missing(item.evidence, `item ${n + 1} (${item.clientId})`));
  for (const incident of parsed.incidents) missing(incident.evidence, `incident ${incident.id}`);
  try {
    const sum = parsed.claim.items.reduce((s, i) => (i.amount === null ? s : s.plus(i.amount)), new Decimal(0));
    if (!sum.equals(parsed.claim.total)) failures.add({ file: FILES.claim, reason: `the total ${parsed.claim.total} is not the sum of the items (${sum.toString()})` });
  } catch {
    failures.add({ file: FILES.claim, reason: 'an amount or the total is not a decimal number' });
  }
}

export async function verifyBundle(files: ReadonlyMap<string, Buffer>, onProgress?: (p: VerifyBundleProgress) => void): Promise<BundleVerdict> {
  const failures = new Failures();
  const manifest = readManifest(files, failures);
  let walk: ChainWalk = { records: 0, fullRecords: 0, lines: [], firstSeq: 1, isFull: new Uint8Array(0) };
  if (manifest) {
    checkFiles(files, manifest, failures);
    const journal = files.get(FILES.journal);
    if (journal) walk = await checkJournal(journal, manifest, failures, onProgress);
    const claim = files.get(FILES.claim);
    if (claim) checkClaim(claim, walk, failures);
  }
  return {
    verified: failures.listed.length === 0,
    failures: failures.listed,
    moreFailures: failures.more,
    files: files.size,
    records: walk.records,
    fullRecords: walk.fullRecords,
    head: manifest?.journal.head ?? null,
  };
}
