/**
 * Checks an evidence bundle offline (DESIGN §2.7, §10): every file against the manifest's
 * SHA-256; every line of the chain recomputed (a version-2 link from its recordHash, a full
 * record from its exact bytes) up to the head the manifest names; that claim.json's evidence is
 * all there in full and in the journal's canonical form; the claim recomputed from those records
 * and compared with the journalled one; the derived files (report.html, prices.csv) made again
 * from the same records and compared byte for byte; and the time-stamp tokens (signature, chain
 * to a trusted root, imprint = the head they name). It names each failure (file, line, seq),
 * says what the tokens prove, and repairs nothing.
 */
import { hash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import type { EventKind, JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import { parsePemCertificates } from '../anchor/token';
import { WELL_KNOWN_TSA_ROOTS } from '../anchor/well-known-roots';
import type { Claim } from '../claims/build-claim';
import { canonicalJson } from '../journal/canonical-json';
import { chainHash, linkHash, type ChainRecord } from '../journal/chain';
import { checkAnchors, type AnchorVerdict } from './anchor-check';
import { FILES, READABLE_FORMATS, REQUIRED_FILES, jsonText, type Anchor, type Manifest } from './bundle-format';
import { journalledClaim, recomputeClaim } from './claim-check';
import { atInRecordBytes, fullLineHash, isVersion2Record, kindInRecordBytes, readLineBytes, seqInRecordBytes } from './journal-bytes';
import { involvedClientIds, priceWindows } from './gather-evidence';
import { deriveFiles, type ClaimFile } from './export-bundle';

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
  anchors: AnchorVerdict[];
  /** What the bundle proves, in words (the tokens' statements, what could not be recomputed). */
  statements: string[];
}

export interface VerifyBundleProgress {
  checked: number;
  total: number;
}

export interface VerifyBundleOptions {
  onProgress?: (p: VerifyBundleProgress) => void;
  /** Roots the time-stamp tokens must chain to; the bundled well-known roots when absent. */
  roots?: readonly pkijs.Certificate[];
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

const sha256 = (data: Buffer | string): string => hash('sha256', data, 'hex');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
let wellKnownRoots: pkijs.Certificate[] | null = null;

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
    isObject(value) && READABLE_FORMATS.includes(m.bundle) && isObject(m.files) && Object.values(m.files).every((h) => typeof h === 'string' && HEX64.test(h)) &&
    j !== null && j.file === FILES.journal && Number.isSafeInteger(j.firstSeq) && Number.isSafeInteger(j.fullRecords) &&
    isObject(j.head) && Number.isSafeInteger(j.head.seq) && typeof j.head.hash === 'string' && HEX64.test(j.head.hash) &&
    (m.derived === undefined || (Array.isArray(m.derived) && m.derived.every((d) => typeof d === 'string'))) &&
    (m.anchors === undefined || Array.isArray(m.anchors));
  if (!wellFormed) {
    failures.add({ file: FILES.manifest, reason: `it is not a bundle manifest of format ${READABLE_FORMATS.join(' or ')} (bundle, files, journal.file/firstSeq/head/fullRecords)` });
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
  data: Buffer;
  records: number;
  fullRecords: number;
  firstSeq: number;
  isFull: Uint8Array;
  /** Where each full line's record lies in `data` (0 for a link). */
  recordStart: Float64Array;
  recordEnd: Float64Array;
  /** Each line's hash as the chain gives it, and the first line's prevHash. */
  hashes: string[];
  firstPrevHash: string;
  /** Version-1 links: their hashes are taken as stated. */
  v1Links: { count: number; first: number; last: number };
}

/**
 * One line against the chain; returns its hash for the next line's prevHash, or null when
 * unreadable. Every hash is recomputed except a version-1 link's, which only the next line's
 * prevHash can vouch for.
 */
function checkLine(w: ChainWalk, start: number, end: number, index: number, prevHash: string | null, failures: Failures): { hash: string; version: 1 | 2 } | null {
  const lineNo = index + 1;
  const expectedSeq = w.firstSeq + index;
  const line = readLineBytes(w.data, start, end);
  if (!line) {
    failures.add({ file: FILES.journal, line: lineNo, seq: expectedSeq, reason: 'the line is neither a full record nor a link as the exporter writes them (it was edited)' });
    return null;
  }
  const fail = (reason: string) => failures.add({ file: FILES.journal, line: lineNo, seq: line.seq, reason });
  if (line.seq !== expectedSeq) fail(`expected seq ${expectedSeq} here: records are missing or out of order`);
  if (prevHash === null ? !HEX64.test(line.prevHash) : line.prevHash !== prevHash) {
    fail(prevHash === null ? 'its prevHash is not 64 lowercase hex characters' : `its prevHash is not the hash of line ${lineNo - 1} (seq ${expectedSeq - 1})`);
  }
  if (index === 0) w.firstPrevHash = line.prevHash;
  if (line.recordStart >= 0) {
    w.isFull[index] = 1;
    w.fullRecords += 1;
    w.recordStart[index] = line.recordStart;
    w.recordEnd[index] = line.recordEnd;
    if (fullLineHash(w.data, line) !== line.hash) fail('its contents do not match its hash (the record was changed)');
    else if (seqInRecordBytes(w.data, line) !== line.seq) fail('the record inside the line names another seq');
    return { hash: line.hash, version: isVersion2Record(w.data, line) ? 2 : 1 };
  }
  if (line.recordHash !== null) {
    if (linkHash(line.prevHash, line.recordHash) !== line.hash) fail('its hash is not SHA-256(prevHash ‖ recordHash): the chain was cut and reconnected here');
    return { hash: line.hash, version: 2 };
  }
  if (!HEX64.test(line.hash)) fail('its hash is not 64 lowercase hex characters');
  const v1 = w.v1Links;
  if (v1.count === 0) v1.first = line.seq;
  v1.count += 1;
  v1.last = line.seq;
  return { hash: line.hash, version: 1 };
}

async function checkJournal(data: Buffer, manifest: Manifest, failures: Failures, onProgress?: (p: VerifyBundleProgress) => void): Promise<ChainWalk> {
  const { firstSeq, head, fullRecords } = manifest.journal;
  const cut = data.length > 0 && data[data.length - 1] !== 0x0a;
  if (cut) failures.add({ file: FILES.journal, reason: 'the file does not end with a line break (it was cut short or edited)' });
  const ends: number[] = [];
  for (let at = data.indexOf(0x0a); at >= 0; at = data.indexOf(0x0a, at + 1)) ends.push(at);
  if (cut) ends.push(data.length);
  const total = ends.length;
  const w: ChainWalk = {
    data, records: total, fullRecords: 0, firstSeq, isFull: new Uint8Array(total), recordStart: new Float64Array(total), recordEnd: new Float64Array(total),
    hashes: new Array<string>(total), firstPrevHash: '', v1Links: { count: 0, first: 0, last: 0 },
  };
  let prevHash: string | null = null;
  let sawV2 = false;
  for (let i = 0; i < total; i++) {
    const checked = checkLine(w, i === 0 ? 0 : ends[i - 1] + 1, ends[i], i, prevHash, failures);
    prevHash = checked?.hash ?? null;
    if (checked) {
      w.hashes[i] = checked.hash;
      if (checked.version === 1 && sawV2) failures.add({ file: FILES.journal, line: i + 1, seq: firstSeq + i, reason: 'a version-1 line after version-2 lines: the chain was downgraded to hide a change' });
      sawV2 ||= checked.version === 2;
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
  if (w.fullRecords !== fullRecords) failures.add({ file: FILES.manifest, reason: `it says ${fullRecords} full records; journal.jsonl holds ${w.fullRecords}` });
  return w;
}

/** Line `i`'s record (a full line) read back as the journal would give it, or null when it is not JSON. */
function eventOf(w: ChainWalk, i: number): JournalEvent | null {
  try {
    const v = JSON.parse(w.data.toString('utf8', w.recordStart[i], w.recordEnd[i])) as Record<string, unknown>;
    return {
      seq: v.seq as number, at: v.at as number, venueAt: v.venueAt as number | null, account: (v.account as string | undefined) ?? 'journal:before-accounts',
      venue: v.venue as string, kind: v.kind as EventKind, market: v.market as string | null, clientId: v.clientId as string | null,
      venueOrderId: v.venueOrderId as string | null, payload: v.payload, raw: v.raw as string | null,
      prevHash: i === 0 ? w.firstPrevHash : w.hashes[i - 1], hash: w.hashes[i], chainVersion: v.v === 2 ? 2 : 1,
    };
  } catch {
    return null;
  }
}

/** An evidence record rehashed through the journal's own chainHash: only a canonical record gives its hash. */
function rehashes(e: JournalEvent): boolean {
  try {
    const record: ChainRecord = { ...e, payload: canonicalJson(e.payload), version: e.chainVersion === 1 ? 1 : 2 };
    return chainHash(e.prevHash, record) === e.hash;
  } catch {
    return false;
  }
}

/** Sorted, merged [from, to] intervals, searched by halving. */
function covering(windows: readonly { from: number; to: number }[]): (at: number) => boolean {
  const sorted = [...windows].sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else merged.push({ ...w });
  }
  return (at) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at < merged[mid].from) hi = mid - 1;
      else if (at > merged[mid].to) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/**
 * The full records the claim checks and the derived files read, parsed: every one but the price
 * samples, which are most of a journal and matter only around an incident or a fill.
 */
function readFullRecords(w: ChainWalk, claimFile: ClaimFile | null, headSeq: number, failures: Failures): Map<number, JournalEvent> {
  const full = new Map<number, JournalEvent>();
  const wanted = new Set<number>([headSeq]);
  for (const item of claimFile?.claim.items ?? []) for (const seq of Array.isArray(item.evidence) ? item.evidence : []) wanted.add(seq);
  for (const incident of (claimFile?.incidents ?? []) as IncidentView[]) for (const seq of Array.isArray(incident.evidence) ? incident.evidence : []) wanted.add(seq);
  const parse = (i: number) => {
    const event = eventOf(w, i);
    if (event) full.set(event.seq, event);
    else failures.add({ file: FILES.journal, line: i + 1, seq: w.firstSeq + i, reason: 'its record is not JSON' });
  };
  const samples: number[] = [];
  const bytes = (i: number) => ({ recordStart: w.recordStart[i], recordEnd: w.recordEnd[i] });
  for (let i = 0; i < w.records; i++) {
    if (w.isFull[i] !== 1) continue;
    if (kindInRecordBytes(w.data, bytes(i)) === 'PRICE_SAMPLE' && !wanted.has(w.firstSeq + i)) samples.push(i);
    else parse(i);
  }
  const involved = claimFile ? new Set(involvedClientIds(claimFile.claim, claimFile.incidents)) : new Set<string>();
  const fills = [...full.values()].filter((e) => e.kind === 'FILL' && e.clientId !== null && involved.has(e.clientId));
  const inWindow = covering(priceWindows((claimFile?.incidents ?? []) as IncidentView[], fills));
  for (const i of samples) if (inWindow(atInRecordBytes(w.data, bytes(i)))) parse(i);
  return full;
}

function readClaimFile(data: Buffer, failures: Failures): ClaimFile | null {
  try {
    const parsed = JSON.parse(data.toString('utf8')) as ClaimFile;
    if (!isObject(parsed.claim) || !Array.isArray(parsed.claim.items) || !Array.isArray(parsed.incidents)) throw new Error('claim.items and incidents must be lists');
    return parsed;
  } catch (err) {
    failures.add({ file: FILES.claim, reason: `it is not a claim: ${(err as Error).message}` });
    return null;
  }
}

function checkEvidence(file: ClaimFile, walk: ChainWalk, full: ReadonlyMap<number, JournalEvent>, failures: Failures): number {
  let last = 0;
  const rehashed = new Set<number>();
  const present = (seqs: unknown, what: string) => {
    for (const seq of Array.isArray(seqs) ? (seqs as number[]) : []) {
      last = Math.max(last, seq);
      const index = seq - walk.firstSeq;
      const event = full.get(seq);
      if (walk.isFull[index] !== 1 || !event) failures.add({ file: FILES.claim, seq, reason: `${what} names evidence seq ${seq}, which journal.jsonl does not hold in full` });
      else if (!rehashed.has(seq)) {
        rehashed.add(seq);
        if (!rehashes(event)) failures.add({ file: FILES.journal, line: index + 1, seq, reason: "this evidence record is not in the journal's canonical form: chainHash does not give its hash" });
      }
    }
  };
  file.claim.items.forEach((item: Claim['items'][number], n: number) => present(item.evidence, `item ${n + 1} (${item.clientId})`));
  for (const incident of file.incidents as IncidentView[]) present(incident.evidence, `incident ${incident.id}`);
  return last;
}

function checkDerived(files: ReadonlyMap<string, Buffer>, manifest: Manifest, file: ClaimFile, full: readonly JournalEvent[], failures: Failures): void {
  if (!manifest.derived?.length) return;
  let made: Map<string, Buffer>;
  try {
    made = deriveFiles(file, full, manifest.journal.head, manifest.journal.firstSeq);
  } catch (err) {
    failures.add({ file: FILES.claim, reason: `the derived files cannot be made again from it and the records: ${(err as Error).message}` });
    return;
  }
  for (const name of manifest.derived) {
    const expected = made.get(name);
    const actual = files.get(name);
    if (!expected) failures.add({ file: FILES.manifest, reason: `it marks ${name} as derived, which this verifier does not make` });
    else if (actual && !actual.equals(expected)) {
      let at = 0;
      while (at < actual.length && actual[at] === expected[at]) at++;
      failures.add({ file: name, reason: `it is not what claim.json and the journal records give (first difference at byte ${at}): it was edited after export` });
    }
  }
}

export async function verifyBundle(files: ReadonlyMap<string, Buffer>, options: VerifyBundleOptions = {}): Promise<BundleVerdict> {
  const failures = new Failures();
  const statements: string[] = [];
  let anchors: AnchorVerdict[] = [];
  const manifest = readManifest(files, failures);
  let walk: ChainWalk | null = null;
  if (manifest) {
    checkFiles(files, manifest, failures);
    const journal = files.get(FILES.journal);
    if (journal) walk = await checkJournal(journal, manifest, failures, options.onProgress);
    const claimData = files.get(FILES.claim);
    const claimFile = claimData ? readClaimFile(claimData, failures) : null;
    if (walk) {
      const w = walk;
      const full = readFullRecords(w, claimFile, manifest.journal.head.seq, failures);
      const records = [...full.values()].sort((a, b) => a.seq - b.seq);
      let lastEvidence = 0;
      if (claimFile) {
        lastEvidence = checkEvidence(claimFile, w, full, failures);
        const claimRecord = manifest.claimSeq ? full.get(manifest.claimSeq) ?? null : null;
        const journalled = claimRecord && (claimRecord.kind === 'CLAIM_CREATED' || claimRecord.kind === 'CLAIM_UPDATED') && journalledClaim(claimRecord) ? claimRecord : null;
        if (manifest.claimSeq && !journalled) failures.add({ file: FILES.manifest, seq: manifest.claimSeq, reason: `it names seq ${manifest.claimSeq} as the journalled claim, which journal.jsonl does not carry as a CLAIM_CREATED or repricing CLAIM_UPDATED record` });
        if (claimRecord) lastEvidence = Math.max(lastEvidence, claimRecord.seq);
        for (const reason of recomputeClaim(claimFile.claim, claimFile.incidents, records, journalled)) {
          failures.add({ file: FILES.claim, reason });
        }
        if (!claimRecord) statements.push('the claim was not journalled (no CLAIM_CREATED record): its items were recomputed from the records only');
        checkDerived(files, manifest, claimFile, records, failures);
      }
      const hashAt = (seq: number) => w.hashes[seq - w.firstSeq] ?? null;
      const roots = options.roots ?? (wellKnownRoots ??= parsePemCertificates(WELL_KNOWN_TSA_ROOTS));
      const checked = await checkAnchors(records.filter((e) => e.kind === 'ANCHOR'), manifest.anchors, hashAt, roots, lastEvidence);
      anchors = checked.anchors;
      statements.push(...checked.statements);
      for (const f of checked.failures) failures.add({ file: FILES.journal, line: f.seq - w.firstSeq + 1, seq: f.seq, reason: f.reason });
      if (w.v1Links.count > 0) {
        statements.push(`${w.v1Links.count} link line(s) between seq ${w.v1Links.first} and ${w.v1Links.last} were written before chain version 2: their hashes cannot be recomputed and are taken as stated`);
      }
    }
  }
  return {
    verified: failures.listed.length === 0,
    failures: failures.listed,
    moreFailures: failures.more,
    files: files.size,
    records: walk?.records ?? 0,
    fullRecords: walk?.fullRecords ?? 0,
    head: manifest?.journal.head ?? null,
    anchors,
    statements,
  };
}
