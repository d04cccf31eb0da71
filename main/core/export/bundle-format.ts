/**
 * The evidence bundle's layout, format version 1 (DESIGN §10). Extend it; never break it.
 *
 * journal.jsonl holds one line per journal record, contiguous from the first relevant seq to the
 * head, in seq order. A relevant record (evidence, the orders and fills involved, the price
 * samples around each incident and fill, the incidents themselves, venue status changes) is a
 * full line {"seq","prevHash","hash","record"} whose "record" is, byte for byte, the canonical
 * JSON the journal hashed (chain.ts: hashedText) — so its hash is SHA-256 of prevHash followed by
 * exactly those bytes, with no re-encoding to get wrong. Every other record is a link
 * {"seq","prevHash","hash"}: it keeps the chain unbroken without its contents. A verifier
 * recomputes each full record's hash, checks that each line's prevHash is the previous line's
 * hash, and that the last line is the head the manifest names; the head can then be compared
 * with the trader's journal (`blackbox journal verify`) or any copy of it given out earlier.
 */
import { hashedText, type ChainRecord } from '../journal/chain';

export const BUNDLE_FORMAT = 1;

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

/** Every bundle holds these; report.pdf is there when the host could print. */
export const REQUIRED_FILES: readonly string[] = [FILES.claim, FILES.report, FILES.orders, FILES.fills, FILES.prices, FILES.journal, FILES.manifest];

export interface Anchor {
  seq: number;
  hash: string;
}

export interface Manifest {
  bundle: number;
  /** File name → SHA-256 (hex) of its bytes, for every file but the manifest itself. */
  files: Record<string, string>;
  journal: { file: string; firstSeq: number; head: Anchor; fullRecords: number };
}

const HEAD = '{"seq":';
const PREV = ',"prevHash":"';
const HASH = '","hash":"';
const RECORD = '","record":';
const LINK_END = '"}';
const HEX_LENGTH = 64;

/** A full line: the chain hashes around the exact text the hash covers. */
export function fullLine(record: ChainRecord, prevHash: string, hash: string): string {
  return `${HEAD}${record.seq}${PREV}${prevHash}${HASH}${hash}${RECORD}${hashedText(record)}}`;
}

export function linkLine(seq: number, prevHash: string, hash: string): string {
  return `${HEAD}${seq}${PREV}${prevHash}${HASH}${hash}${LINK_END}`;
}

export interface ParsedLine {
  seq: number;
  prevHash: string;
  hash: string;
  /** The record's canonical JSON text for a full line, null for a link. */
  record: string | null;
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
  if (line.length === afterHash + LINK_END.length && line.endsWith(LINK_END)) return { ...base, record: null };
  if (!line.startsWith(RECORD, afterHash) || !line.endsWith('}')) return null;
  return { ...base, record: line.slice(afterHash + RECORD.length, -1) };
}

/**
 * The seq inside a record's canonical text. Its keys are sorted, so "seq" follows "raw" near the
 * end, and the last ',"seq":' is the record's own (inside a JSON string a quote is escaped).
 */
export function seqInRecord(record: string): number | null {
  const at = record.lastIndexOf(',"seq":');
  if (at < 0) return null;
  const match = /^(\d+),"venue":/.exec(record.slice(at + 7, at + 40));
  return match ? Number(match[1]) : null;
}

/** JSON files are written this one way, so that any byte changed shows even where JSON would not care. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
