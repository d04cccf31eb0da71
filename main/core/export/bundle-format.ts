/**
 * The evidence bundle's layout, format version 1 (DESIGN §10). Extend it; never break it.
 *
 * journal.jsonl holds one line per journal record, contiguous from the first relevant seq to the
 * head, in seq order. A relevant record (evidence, the orders and fills involved, the price
 * samples around each incident, the incidents themselves, venue status changes) is written in
 * full — every stored field, the payload as its canonical JSON — so its hash can be recomputed
 * exactly as the journal computes it (chain.ts). Every other record is a link
 * {"seq","prevHash","hash"}: it keeps the chain unbroken without its contents. A verifier
 * recomputes each full record's hash, checks that each line's prevHash is the previous line's
 * hash, and that the last line is the head the manifest names; the head can then be compared
 * with the trader's journal (`blackbox journal verify`) or any copy of it given out earlier.
 */
import type { ChainRecord } from '../journal/chain';

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

/** A stored record with its chain hashes, as a full line carries it. */
export interface FullRecord extends ChainRecord {
  prevHash: string;
  hash: string;
}

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
const integer = (value: number | null): string => (value === null ? 'null' : String(value));

/** A full record's line; `record.payload` is its canonical JSON text, written as JSON, not as a string. */
export function fullLine(r: FullRecord): string {
  return (
    `{"seq":${integer(r.seq)},"at":${integer(r.at)},"venueAt":${integer(r.venueAt)},"venue":${text(r.venue)}` +
    `,"kind":${text(r.kind)},"market":${text(r.market)},"clientId":${text(r.clientId)},"venueOrderId":${text(r.venueOrderId)}` +
    `,"payload":${r.payload},"raw":${text(r.raw)},"prevHash":${text(r.prevHash)},"hash":${text(r.hash)}}`
  );
}

export function linkLine(seq: number, prevHash: string, hash: string): string {
  return `{"seq":${seq},"prevHash":"${prevHash}","hash":"${hash}"}`;
}

/** JSON files are written this one way, so that any byte changed shows even where JSON would not care. */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
