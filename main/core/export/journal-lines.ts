/**
 * journal.jsonl's lines (see bundle-format.ts): every record from `firstSeq` to the head, in full
 * where `isFull` says so and as a link otherwise (a version-2 link with its record's own hash).
 * The chain is checked on the way (continuity, and each version-2 link recomputed), so a journal
 * whose records do not link up is refused instead of exported.
 */
import type { JournalEvent } from '../../../shared/domain';
import { canonicalJson } from '../journal/canonical-json';
import { linkHash, recordHash, type ChainRecord } from '../journal/chain';
import type { Journal } from '../journal/journal';
import { fullLine, linkLine, type Anchor } from './bundle-format';
import { allEvents } from './gather-evidence';

export interface LinesProgress {
  written: number;
  total: number;
}

export interface JournalLines {
  data: Buffer;
  fullRecords: number;
  /** Local time of the head record. */
  headAt: number;
  /** The records carried in full, in seq order. */
  full: JournalEvent[];
}

export const chainRecordOf = (e: JournalEvent): ChainRecord => ({ ...e, payload: canonicalJson(e.payload), version: e.chainVersion === 1 ? 1 : 2 });

const PROGRESS_EVERY = 10_000;
/** Lines are turned into bytes in chunks, so that a long journal does not pile up small strings. */
const CHUNK_LINES = 1_000;

export function journalLines(
  journal: Journal, firstSeq: number, head: Anchor, isFull: (seq: number) => boolean, onProgress?: (p: LinesProgress) => void,
): JournalLines {
  const total = head.seq - firstSeq + 1;
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  let written = 0;
  let fullRecords = 0;
  let headAt = 0;
  const full: JournalEvent[] = [];
  let prev: Anchor | null = null;
  for (const e of allEvents(journal, { afterSeq: firstSeq - 1 }, (e) => e.seq <= head.seq)) {
    if (prev && (e.seq !== prev.seq + 1 || e.prevHash !== prev.hash)) {
      throw new Error(`the journal's chain is broken at seq ${e.seq}; run \`blackbox journal verify\` on it — nothing was exported`);
    }
    const record = chainRecordOf(e);
    if (isFull(e.seq)) {
      lines.push(fullLine(record, e.prevHash, e.hash));
      full.push(e);
      fullRecords += 1;
    } else if (record.version === 1) lines.push(linkLine(e.seq, e.prevHash, e.hash));
    else {
      const own = recordHash(record);
      if (linkHash(e.prevHash, own) !== e.hash) throw new Error(`the record at seq ${e.seq} does not match its hash; run \`blackbox journal verify\` on it — nothing was exported`);
      lines.push(linkLine(e.seq, e.prevHash, e.hash, own));
    }
    prev = { seq: e.seq, hash: e.hash };
    headAt = e.at;
    written += 1;
    if (lines.length === CHUNK_LINES) {
      chunks.push(Buffer.from(lines.join('\n') + '\n'));
      lines = [];
    }
    if (written % PROGRESS_EVERY === 0) onProgress?.({ written, total });
  }
  if (lines.length) chunks.push(Buffer.from(lines.join('\n') + '\n'));
  if (!prev || prev.seq !== head.seq || prev.hash !== head.hash) throw new Error(`the journal does not end at its head seq ${head.seq}; nothing was exported`);
  onProgress?.({ written, total });
  return { data: Buffer.concat(chunks), fullRecords, headAt, full };
}
