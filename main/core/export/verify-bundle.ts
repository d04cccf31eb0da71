/**
 * Checks an evidence bundle offline (DESIGN §2.7, §10): every file against the manifest's
 * SHA-256, every full record's hash recomputed exactly as the journal computes it, every chain
 * link up to the head the manifest names, that claim.json's evidence is all there in full and
 * that its total is the sum of its items. It names each failure (file, line, seq) and repairs
 * nothing.
 */
import { hash } from 'node:crypto';
import Decimal from 'decimal.js';
import { canonicalJson } from '../journal/canonical-json';
import { chainHash } from '../journal/chain';
import { BUNDLE_FORMAT, FILES, REQUIRED_FILES, fullLine, jsonText, linkLine, type Anchor, type Manifest } from './bundle-format';

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
const FULL_KEYS = 'seq,at,venueAt,venue,kind,market,clientId,venueOrderId,payload,raw,prevHash,hash';
const LINK_KEYS = 'seq,prevHash,hash';

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
  fullSeqs: Set<number>;
}

/** One line against the chain; returns its hash (as stated) for the next line's prevHash, or null when unreadable. */
function checkLine(text: string, lineNo: number, expectedSeq: number, prevHash: string | null, fullSeqs: Set<number>, failures: Failures): string | null {
  const at = { file: FILES.journal, line: lineNo };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    failures.add({ ...at, seq: expectedSeq, reason: `the line is not JSON: ${(err as Error).message}` });
    return null;
  }
  const keys = isObject(value) ? Object.keys(value).join(',') : '';
  if (keys !== FULL_KEYS && keys !== LINK_KEYS) {
    failures.add({ ...at, seq: expectedSeq, reason: 'the line is neither a full record nor a link' });
    return null;
  }
  const r = value as Record<string, unknown>;
  const seq = r.seq as number;
  const stated = { prev: String(r.prevHash), hash: String(r.hash) };
  const where = { ...at, seq: Number.isSafeInteger(seq) ? seq : expectedSeq };
  if (seq !== expectedSeq) failures.add({ ...where, reason: `expected seq ${expectedSeq} here: records are missing or out of order` });
  if (!HEX64.test(stated.prev) || !HEX64.test(stated.hash)) failures.add({ ...where, reason: 'prevHash and hash must be 64 lowercase hex characters' });
  if (prevHash !== null && stated.prev !== prevHash) failures.add({ ...where, reason: `its prevHash is not the hash of the line before (seq ${expectedSeq - 1})` });
  if (keys === LINK_KEYS) {
    if (linkLine(seq, stated.prev, stated.hash) !== text) failures.add({ ...where, reason: 'the link is not written in the exact form the exporter writes (it was edited)' });
    return stated.hash;
  }
  const record = {
    seq, at: r.at as number, venueAt: r.venueAt as number | null, venue: r.venue as string, kind: r.kind as string,
    market: r.market as string | null, clientId: r.clientId as string | null, venueOrderId: r.venueOrderId as string | null,
    payload: canonicalJson(r.payload), raw: r.raw as string | null,
  };
  if (chainHash(stated.prev, record) !== stated.hash) failures.add({ ...where, reason: 'its contents do not match its hash (the record was changed)' });
  else if (fullLine({ ...record, prevHash: stated.prev, hash: stated.hash }) !== text) failures.add({ ...where, reason: 'the record is not written in the exact form the exporter writes (it was edited)' });
  fullSeqs.add(seq);
  return stated.hash;
}

async function checkJournal(data: Buffer, manifest: Manifest, failures: Failures, onProgress?: (p: VerifyBundleProgress) => void): Promise<ChainWalk> {
  const { firstSeq, head, fullRecords } = manifest.journal;
  const text = data.toString('utf8');
  const fullSeqs = new Set<number>();
  if (!text.endsWith('\n')) failures.add({ file: FILES.journal, reason: 'the file does not end with a line break (it was cut short or edited)' });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const total = lines.length;
  let prevHash: string | null = null;
  for (let i = 0; i < total; i++) {
    prevHash = checkLine(lines[i], i + 1, firstSeq + i, prevHash, fullSeqs, failures);
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
  if (fullSeqs.size !== fullRecords) failures.add({ file: FILES.manifest, reason: `it says ${fullRecords} full records; journal.jsonl holds ${fullSeqs.size}` });
  return { records: total, fullSeqs };
}

interface ClaimFile {
  claim: { items: { amount: string | null; clientId: string; evidence: number[] }[]; total: string };
  incidents: { id: string; evidence: number[] }[];
}

function checkClaim(data: Buffer, fullSeqs: ReadonlySet<number>, failures: Failures): void {
  let parsed: ClaimFile;
  try {
    parsed = JSON.parse(data.toString('utf8')) as ClaimFile;
    if (!Array.isArray(parsed.claim.items) || !Array.isArray(parsed.incidents)) throw new Error('claim.items and incidents must be lists');
  } catch (err) {
    failures.add({ file: FILES.claim, reason: `it is not a claim: ${(err as Error).message}` });
    return;
  }
  const missing = (seqs: unknown, what: string) => {
    for (const seq of Array.isArray(seqs) ? seqs : []) {
      if (!fullSeqs.has(seq as number)) failures.add({ file: FILES.claim, seq: seq as number, reason: `${what} names evidence seq ${seq}, which journal.jsonl does not hold in full` });
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
  let walk: ChainWalk = { records: 0, fullSeqs: new Set() };
  if (manifest) {
    checkFiles(files, manifest, failures);
    const journal = files.get(FILES.journal);
    if (journal) walk = await checkJournal(journal, manifest, failures, onProgress);
    const claim = files.get(FILES.claim);
    if (claim) checkClaim(claim, walk.fullSeqs, failures);
  }
  return {
    verified: failures.listed.length === 0,
    failures: failures.listed,
    moreFailures: failures.more,
    files: files.size,
    records: walk.records,
    fullRecords: walk.fullSeqs.size,
    head: manifest?.journal.head ?? null,
  };
}
