/**
 * The evidence bundle's layout, format version 2 (DESIGN §10). Extend it; never break it.
 *
 * journal.jsonl holds one line per journal record, contiguous from the first relevant seq to the
 * head, in seq order. A relevant record (evidence, the orders and fills involved, the price
 * samples around each incident and fill, the incidents themselves, venue status changes, the
 * journalled claim, the ANCHOR records that time-stamp it, the head) is a full line
 * {"seq","prevHash","hash","record"} whose "record" is, byte for byte, the canonical JSON the
 * journal hashed (chain.ts: hashedText). Every other record is a link that keeps the chain
 * unbroken without its contents. The chain has two versions (chain.ts):
 *  - version 2 (records with "v":2): hash = SHA-256(prevHash ‖ SHA-256(record)); its link line is
 *    {"seq","prevHash","hash","recordHash"}, so a verifier recomputes every link, and a changed
 *    record can never be reconnected to the lines after it;
 *  - version 1 (journals written before accounts): hash = SHA-256(prevHash ‖ record); its link line
 *    {"seq","prevHash","hash"} carries a hash a verifier can only take as stated.
 * A verifier recomputes each line's hash, checks that each prevHash is the previous line's hash,
 * and that the last line is the head the manifest names.
 */
import type { AccountOwner } from '../settings/account-id';
import { hashedText, type ChainRecord } from '../journal/chain';

export const BUNDLE_FORMAT = 2;
/** Formats this verifier still reads. */
export const READABLE_FORMATS: readonly number[] = [1, 2];


export const FILES = {
  claim: 'claim.json',
  report: 'report.html',
  pdf: 'report.pdf',
  orders: 'orders.csv',
  fills: 'fills.csv',
  prices: 'prices.csv',
  journal: 'journal.jsonl',
  manifest: 'manifest.json',
} as const;

/** Made only from claim.json and the records carried in full; verify makes them again and compares. */
export const DERIVED_FILES: readonly string[] = [FILES.report, FILES.orders, FILES.fills, FILES.prices];

/** Every bundle holds these; report.pdf is there when the host could print. */
export const REQUIRED_FILES: readonly string[] = [FILES.claim, FILES.report, FILES.orders, FILES.fills, FILES.prices, FILES.journal, FILES.manifest];

export interface Anchor {
  seq: number;
  hash: string;
}

/** An ANCHOR record the bundle carries in full, and the head its token stamps. */
export interface AnchorRef {
  seq: number;
  headSeq: number;
  headHash: string;
  tsa: string;
  genTime: string;
}

export interface Manifest {
  bundle: number;
  /** File name → SHA-256 (hex) of its bytes, for every file but the manifest itself. */
  files: Record<string, string>;
  journal: { file: string; firstSeq: number; head: Anchor; fullRecords: number };
  /** Format 2: files made only from claim.json and the journal lines; verify makes them again and compares. */
  derived?: string[];
  /** Format 2: the CLAIM_CREATED record of this claim, when the claim was journalled. */
  claimSeq?: number | null;
  /** Format 2: the tokens time-stamping the evidence (the first anchored head at or after it). */
  anchors?: AnchorRef[];
  /** Whose claim it is (the same as claim.json's context.owner). */
  account?: AccountOwner;
}

const HEAD = '{"seq":';
const PREV = ',"prevHash":"';
const HASH = '","hash":"';
const RECORD = '","record":';
const RECORD_HASH = '","recordHash":"';
const LINK_END = '"}';
const HEX_LENGTH = 64;

/** A full line: the chain hashes around the exact text the hash covers. */
export function fullLine(record: ChainRecord, prevHash: string, hash: string): string {
  return `${HEAD}${record.seq}${PREV}${prevHash}${HASH}${hash}${RECORD}${hashedText(record)}}`;
}

/** A link: with `recordHash` (version 2) its hash can be recomputed; without (version 1) it cannot. */
export function linkLine(seq: number, prevHash: string, hash: string, recordHash: string | null = null): string {
  return `${HEAD}${seq}${PREV}${prevHash}${HASH}${hash}${recordHash === null ? '' : `${RECORD_HASH}${recordHash}`}${LINK_END}`;
}

export interface ParsedLine {
  seq: number;
  prevHash: string;
  hash: string;
  /** The record's canonical JSON text for a full line, null for a link. */
  record: string | null;
  /** A version-2 link's SHA-256 of its record, null otherwise. */
  recordHash: string | null;
}

/**
 * Takes a line apart by its fixed layout, without parsing the record (verification stays fast
 * on large bundles); null when the line is not laid out as fullLine or linkLine write it.
 */
export function parseLine(line: string): ParsedLine | null {
  if (!line.startsWith(HEAD)) return null;
  const seqEnd = line.indexOf(PREV, HEAD.length);
  const seqText = line.slice(HEAD.length, seqEnd);
  const seq = Number(seqText);
  if (seqEnd < 0 || !Number.isSafeInteger(seq) || seq < 1 || String(seq) !== seqText) return null;
  const prevAt = seqEnd + PREV.length;
  const hashAt = prevAt + HEX_LENGTH + HASH.length;
  const afterHash = hashAt + HEX_LENGTH;
  if (line.slice(prevAt + HEX_LENGTH, hashAt) !== HASH) return null;
  const base = { seq, prevHash: line.slice(prevAt, prevAt + HEX_LENGTH), hash: line.slice(hashAt, afterHash) };
  if (line.length === afterHash + LINK_END.length && line.endsWith(LINK_END)) return { ...base, record: null, recordHash: null };
  const ownAt = afterHash + RECORD_HASH.length;
  if (line.length === ownAt + HEX_LENGTH + LINK_END.length && line.startsWith(RECORD_HASH, afterHash) && line.endsWith(LINK_END)) {
    return { ...base, record: null, recordHash: line.slice(ownAt, ownAt + HEX_LENGTH) };
  }
  if (!line.startsWith(RECORD, afterHash) || !line.endsWith('}')) return null;
  return { ...base, record: line.slice(afterHash + RECORD.length, -1), recordHash: null };
}

/**
 * The seq inside a record's canonical text. Its keys are sorted, so "seq" follows "raw" near the
 * end, and the last ',"seq":' is the record's own (inside a JSON string a quote is escaped).
 */
export function seqInRecord(record: string): number | null {
  const at = record.lastIndexOf(',"seq":');
  if (at < 0) return null;
  const match = /^(\d+),("v":2,)?"venue":/.exec(record.slice(at + 7, at + 48));
  return match ? Number(match[1]) : null;
}

/** A full line's chain version: version-2 records begin with their account and carry "v":2. */
export function versionOfRecord(record: string): 1 | 2 {
  return record.startsWith('{"account":') ? 2 : 1;
}

/** JSON files are written this one way, so that any byte changed shows even where JSON would not care. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
