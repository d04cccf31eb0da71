/**
 * journal.jsonl read as bytes, line by line, without turning a long bundle into strings: each
 * line is taken apart by the fixed layout bundle-format.ts writes and its record hashed where it
 * lies in the buffer. Only the few lines a check needs in full are ever decoded.
 */
import { createHash, hash } from 'node:crypto';

const HEAD = Buffer.from('{"seq":');
const PREV = Buffer.from(',"prevHash":"');
const HASH = Buffer.from('","hash":"');
const RECORD = Buffer.from('","record":');
const RECORD_HASH = Buffer.from('","recordHash":"');
const LINK_END = Buffer.from('"}');
const SEQ_KEY = Buffer.from(',"seq":');
const KIND_KEY = Buffer.from('"kind":"');
const V2_START = Buffer.from('{"account":');
const HEX = 64;

export interface LineBytes {
  seq: number;
  prevHash: string;
  hash: string;
  /** Where a full line's record lies in the buffer; -1 for a link. */
  recordStart: number;
  recordEnd: number;
  /** A version-2 link's own hash; null otherwise. */
  recordHash: string | null;
}

/** Whether `token` lies at `at` (a byte loop: for tokens this short it beats a native call). */
function startsWith(data: Buffer, at: number, token: Buffer): boolean {
  if (at < 0 || at + token.length > data.length) return false;
  for (let i = 0; i < token.length; i++) if (data[at + i] !== token[i]) return false;
  return true;
}

/** A whole number written as JSON writes it (no sign, no leading zero) at `at`: its value (or -1) and end. */
function digits(data: Buffer, at: number, end: number): { value: number; end: number } {
  let i = at;
  let value = 0;
  while (i < end && i - at < 16 && data[i] >= 0x30 && data[i] <= 0x39) value = value * 10 + (data[i++] - 0x30);
  const canonical = i > at && (data[at] !== 0x30 || i === at + 1);
  return { value: canonical ? value : -1, end: i };
}

/** The line [start, end) by the exporter's layout, or null when it is not laid out that way. */
export function readLineBytes(data: Buffer, start: number, end: number): LineBytes | null {
  if (!startsWith(data, start, HEAD)) return null;
  const seq = digits(data, start + HEAD.length, end);
  if (seq.value < 1 || !startsWith(data, seq.end, PREV)) return null;
  const prevAt = seq.end + PREV.length;
  const hashAt = prevAt + HEX + HASH.length;
  const after = hashAt + HEX;
  if (after > end || !startsWith(data, prevAt + HEX, HASH)) return null;
  const line: LineBytes = {
    seq: seq.value, prevHash: data.toString('latin1', prevAt, prevAt + HEX), hash: data.toString('latin1', hashAt, after), recordStart: -1, recordEnd: -1, recordHash: null,
  };
  if (end === after + LINK_END.length && startsWith(data, after, LINK_END)) return line;
  const ownAt = after + RECORD_HASH.length;
  if (end === ownAt + HEX + LINK_END.length && startsWith(data, after, RECORD_HASH) && startsWith(data, ownAt + HEX, LINK_END)) {
    line.recordHash = data.toString('latin1', ownAt, ownAt + HEX);
    return line;
  }
  if (!startsWith(data, after, RECORD) || data[end - 1] !== 0x7d /* } */ || end - 1 <= after + RECORD.length) return null;
  line.recordStart = after + RECORD.length;
  line.recordEnd = end - 1;
  return line;
}

export const isVersion2Record = (data: Buffer, line: LineBytes): boolean => startsWith(data, line.recordStart, V2_START);

/** The chain hash of a full line as its version computes it (chain.ts). */
export function fullLineHash(data: Buffer, line: LineBytes): string {
  const record = data.subarray(line.recordStart, line.recordEnd);
  if (isVersion2Record(data, line)) return hash('sha256', line.prevHash + hash('sha256', record, 'hex'), 'hex');
  return createHash('sha256').update(line.prevHash).update(record).digest('hex');
}

/**
 * The seq inside a full line's record: its keys are sorted, so the last `,"seq":` is its own
 * (inside a JSON string a quote is escaped).
 */
export function seqInRecordBytes(data: Buffer, line: LineBytes): number | null {
  const at = data.lastIndexOf(SEQ_KEY, line.recordEnd);
  if (at < line.recordStart) return null;
  const seq = digits(data, at + SEQ_KEY.length, line.recordEnd);
  return seq.value < 0 ? null : seq.value;
}

/** The kind of a full line's record, without decoding it. */
export function kindInRecordBytes(data: Buffer, line: { recordStart: number; recordEnd: number }): string {
  const at = data.indexOf(KIND_KEY, line.recordStart);
  if (at < 0 || at >= line.recordEnd) return '';
  const close = data.indexOf(0x22, at + KIND_KEY.length);
  return data.toString('latin1', at + KIND_KEY.length, close);
}

/** The local time ("at", the first or second key) of a full line's record. */
export function atInRecordBytes(data: Buffer, line: { recordStart: number; recordEnd: number }): number {
  const head = data.toString('latin1', line.recordStart, Math.min(line.recordEnd, line.recordStart + 400));
  const match = /[{,]"at":(\d+),/.exec(head);
  return match ? Number(match[1]) : Number.NaN;
}
