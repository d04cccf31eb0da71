/**
 * Is the end of the file where the journal last left it? The head table (moved in the same
 * transaction as each append) catches records removed from the end of the file; the anchor
 * beside the file (moved just after each commit) also catches a cut-short write-ahead log or
 * an older copy of the whole file, where the head table goes back together with the records.
 */
import type { Anchor, AnchorReading } from './writer-seat';

export type TailFinding =
  | { kind: 'truncated'; lastSeq: number; expectedSeq: number; evidence: 'head table' | 'anchor file' }
  | { kind: 'mismatch'; seq: number; reason: string };

export function checkTail(
  last: Anchor | null,
  head: Anchor | null,
  anchor: AnchorReading,
  storedHashAt: (seq: number) => string | undefined,
): TailFinding | null {
  const lastSeq = last?.seq ?? 0;
  if (head) {
    if (head.seq > lastSeq) return { kind: 'truncated', lastSeq, expectedSeq: head.seq, evidence: 'head table' };
    if (head.seq < lastSeq) {
      return { kind: 'mismatch', seq: head.seq + 1, reason: `it lies beyond the recorded chain head (seq ${head.seq}): it was added outside the journal` };
    }
    if (last && head.hash !== last.hash) return { kind: 'mismatch', seq: lastSeq, reason: 'its hash differs from the recorded chain head' };
  }
  if (anchor.status === 'found' && anchor.anchor.seq > 0) {
    const { seq, hash } = anchor.anchor;
    if (seq > lastSeq) return { kind: 'truncated', lastSeq, expectedSeq: seq, evidence: 'anchor file' };
    if (storedHashAt(seq) !== hash) return { kind: 'mismatch', seq, reason: 'its hash differs from the anchor kept beside the file' };
  }
  return null;
}

export function describeTail(finding: TailFinding): string {
  if (finding.kind === 'mismatch') return `record seq ${finding.seq} is not what was written: ${finding.reason}`;
  const missing =
    finding.expectedSeq === finding.lastSeq + 1
      ? `record seq ${finding.expectedSeq} is`
      : `records seq ${finding.lastSeq + 1}–${finding.expectedSeq} are`;
  const how =
    finding.evidence === 'anchor file'
      ? 'the write-ahead log was cut short or the file was replaced by an older copy'
      : 'records were removed from the end of the file';
  return `the end of the journal is missing: ${missing} gone (the ${finding.evidence} says the chain reached seq ${finding.expectedSeq}; ${how})`;
}
