/**
 * Walks the chain in seq order on its own read snapshot, recomputing every hash from the stored
 * bytes, and names the first record that does not hold up. It reports; it never repairs.
 */
import type Database from 'better-sqlite3';
import { GENESIS_HASH, chainHash } from './chain';
import { eventColumnsOf, rowToRecord, type EventRow } from './event-record';
import { plainReason } from './errors';
import { checkTail, type TailFinding } from './tail-check';
import type { Anchor, AnchorReading } from './writer-seat';

export interface VerifyReport {
  /** Records read from the file. */
  events: number;
  /** The last record read. */
  head: Anchor | null;
  verified: boolean;
  firstBad?: { seq: number; reason: string };
  truncatedTail?: Extract<TailFinding, { kind: 'truncated' }>;
}

export interface VerifyProgress {
  checked: number;
  /** How many records the chain head says there should be. */
  expected: number;
}

/** Rows between progress reports and yields to the event loop. */
const STRIDE = 16_384;

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export async function verifyChain(
  db: Database.Database,
  anchor: AnchorReading,
  onProgress?: (progress: VerifyProgress) => void,
): Promise<VerifyReport> {
  db.exec('BEGIN');
  try {
    return await walk(db, anchor, onProgress);
  } finally {
    // Only a read snapshot: ending it with ROLLBACK works even after SQLite reported damage.
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

async function walk(
  db: Database.Database,
  anchor: AnchorReading,
  onProgress?: (progress: VerifyProgress) => void,
): Promise<VerifyReport> {
  let events = 0;
  let last: Anchor | null = null;
  let firstBad: VerifyReport['firstBad'];
  try {
    if (!tableExists(db, 'events')) {
      const anyTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'").get() !== undefined;
      return anyTable
        ? { events: 0, head: null, verified: false, firstBad: { seq: 1, reason: 'the file is a database but not a Blackbox journal' } }
        : { events: 0, head: null, verified: true };
    }
    const head = tableExists(db, 'head') ? ((db.prepare('SELECT seq, hash FROM head').get() as Anchor | undefined) ?? null) : null;
    const expected = head?.seq ?? ((db.prepare('SELECT max(seq) FROM events').pluck().get() as number | null) ?? 0);
    const anchorSeq = anchor.status === 'found' ? anchor.anchor.seq : -1;
    let anchorHash: string | undefined;
    let prevHash = GENESIS_HASH;
    const rows = db.prepare(`SELECT ${eventColumnsOf(db)} FROM events ORDER BY seq`).raw().iterate() as IterableIterator<EventRow>;
    try {
      for (;;) {
        let next: IteratorResult<EventRow>;
        try {
          next = rows.next();
        } catch (err) {
          firstBad ??= { seq: events + 1, reason: `the file is damaged at or after this record: ${plainReason(err)}` };
          break;
        }
        if (next.done) break;
        const row = next.value;
        events += 1;
        const seq = row[0];
        if (seq === anchorSeq) anchorHash = row[11];
        if (!firstBad) firstBad = checkRow(row, events, prevHash);
        prevHash = row[11];
        last = { seq, hash: row[11] };
        if (events % STRIDE === 0) {
          onProgress?.({ checked: events, expected });
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      rows.return?.();
    }
    onProgress?.({ checked: events, expected });
    const tail = checkTail(last, head, anchor, (seq) => (seq === anchorSeq ? anchorHash : undefined));
    const truncatedTail = tail?.kind === 'truncated' ? tail : undefined;
    if (tail?.kind === 'mismatch') firstBad ??= { seq: tail.seq, reason: tail.reason };
    return { events, head: last, verified: !firstBad && !truncatedTail, ...(firstBad && { firstBad }), ...(truncatedTail && { truncatedTail }) };
  } catch (err) {
    firstBad ??= { seq: events + 1, reason: `the file cannot be read: ${plainReason(err)}` };
    return { events, head: last, verified: false, firstBad };
  }
}

/** What is wrong with the record expected to be `expectedSeq`, if anything. */
function checkRow(row: EventRow, expectedSeq: number, prevHash: string): VerifyReport['firstBad'] {
  const [seq, , , , , , , , , , storedPrev, storedHash, , version] = row;
  if (seq !== expectedSeq) {
    return { seq: expectedSeq, reason: seq === expectedSeq + 1 ? 'the record is missing' : `records seq ${expectedSeq}–${seq - 1} are missing` };
  }
  if (storedPrev !== prevHash) {
    return {
      seq,
      reason: seq === 1 ? 'the first record does not start from the genesis hash' : `its prev_hash does not match the hash of seq ${seq - 1} (one of the two was rewritten)`,
    };
  }
  if (version !== 1 && version !== 2) return { seq, reason: `its chain version ${version} is unknown` };
  const recomputed = chainHash(prevHash, rowToRecord(row));
  if (recomputed !== storedHash) return { seq, reason: 'its contents do not match its hash (the record was changed after it was written)' };
  return undefined;
}
