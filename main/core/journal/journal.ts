/**
 * The journal: the trader's own append-only, hash-chained record (DESIGN §6).
 *
 * One process writes (see writer-seat). Durable appends are committed, fsync and all, before
 * `append` returns — order intents go here before any byte goes to the venue. Other appends are
 * group-committed within `groupCommitMs` (at most 50 ms) on the injected clock. Any failure to
 * record turns the journal's health to `failed` and every later append into a
 * JournalUnavailableError: the caller refuses order entry. Reading carries on wherever the file
 * can still be read.
 */
import Database from 'better-sqlite3';
import type { JournalEvent } from '../../../shared/domain';
import type { Clock } from '../clock';
import { GENESIS_HASH } from './chain';
import { EVENT_COLUMNS, prepareEvent, preparedToEvent, type PreparedEvent } from './event-record';
import { EventReader, type JournalPage, type JournalQuery } from './event-reader';
import { JournalInputError, JournalUnavailableError, isCorruption, plainReason } from './errors';
import { openForReview, openForWriting, type JournalHealth, type OpenedFile } from './open-file';
import type { NewEvent } from './payloads';
import {
  Projector, fillBusted, readAccounts, readBalance, readCheckpoint, readFills, readOrders, readPositions,
  type BalanceRow, type FillFilter, type FillRow, type OrderFilter, type OrderRow, type PositionRow, type ReconcileCheckpoint,
} from './projections';
import { SEARCH_INDEX_BACKLOG, indexCatchUp } from './index-catch-up';
import { describeTail } from './tail-check';
import { TIME_BLOCK, timeMarker } from './time-marks';
import { verifyChain, type VerifyProgress, type VerifyReport } from './verify';
import { readAnchor, type Anchor, type WriterSeat } from './writer-seat';

export type {
  JournalHealth, JournalPage, JournalQuery, VerifyProgress, VerifyReport, NewEvent, OrderRow, FillRow, PositionRow, BalanceRow,
  ReconcileCheckpoint, Anchor,
};

export interface JournalOptions {
  clock: Clock;
  /** Longest a non-durable event waits before it is committed; 1–50 ms, 50 when absent. */
  groupCommitMs?: number;
  /**
   * Schedules the group commits; `clock` when absent. A replay racing through virtual time passes
   * the system clock, so that it commits in real-time batches rather than every virtual 50 ms.
   */
  commitClock?: Clock;
}

export interface AppendOptions {
  /** Commit (and fsync) before returning. Required for anything an order decision depends on. */
  durable: boolean;
}

export const MAX_GROUP_COMMIT_MS = 50;
/** Pending events beyond this are committed at once, so a burst cannot grow memory without bound. */
export const MAX_PENDING = 4096;

interface Writer {
  seat: WriterSeat;
  commitBatch: (batch: PreparedEvent[]) => void;
}

const factKey = (account: string, venue: string, fillId: string): string => `${account}\u0000${venue}\u0000${fillId}`;

export class Journal {
  private db: Database.Database | null;
  private readonly readPath: string;
  private readonly dispose: () => void;
  private reader: EventReader | null;
  private writer: Writer | null;
  private status: JournalHealth;
  private readonly consequence: string;
  private closed = false;
  private pending: PreparedEvent[] = [];
  private cancelTimer: (() => void) | null = null;
  private committed: Anchor = { seq: 0, hash: GENESIS_HASH };
  /** Fills and busts appended and not yet committed, by account, venue and fill id: the door must see them without forcing a commit. */
  private readonly pendingFacts = new Map<string, 'fill' | 'bust'>();
  private appended: Anchor = { seq: 0, hash: GENESIS_HASH };

  private constructor(
    readonly path: string,
    private readonly clock: Clock | null,
    private readonly groupCommitMs: number,
    opened: OpenedFile,
    private readonly commitClock: Clock | null = clock,
  ) {
    this.db = opened.db;
    this.readPath = opened.readPath;
    this.dispose = opened.dispose;
    this.reader = opened.db ? new EventReader(opened.db) : null;
    this.status = opened.health;
    this.consequence = opened.consequence;
    this.writer = opened.db && opened.seat ? this.startWriting(opened.db, opened.seat) : null;
  }

  /** Opens (creating if needed) the journal for recording. Check health(): a file that cannot be written opens for reading. */
  static open(path: string, options: JournalOptions): Journal {
    const groupCommitMs = options.groupCommitMs ?? MAX_GROUP_COMMIT_MS;
    if (!(groupCommitMs > 0 && groupCommitMs <= MAX_GROUP_COMMIT_MS)) {
      throw new RangeError(`groupCommitMs must be more than 0 and at most ${MAX_GROUP_COMMIT_MS}`);
    }
    return new Journal(path, options.clock, groupCommitMs, openForWriting(path), options.commitClock ?? options.clock);
  }

  /** Opens a journal — perhaps another machine's — for review. Writes nothing to the file or its write-ahead log. */
  static openReadOnly(path: string): Journal {
    return new Journal(path, null, MAX_GROUP_COMMIT_MS, openForReview(path));
  }

  private startWriting(db: Database.Database, seat: WriterSeat): Writer {
    const insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const moveHead = db.prepare('UPDATE head SET seq = ?, hash = ? WHERE id = 1');
    const catchUpIndexes = indexCatchUp(db);
    let unindexed = (db.prepare('SELECT (SELECT seq FROM head) - (SELECT seq FROM search_indexed)').pluck().get() as number);
    const projector = new Projector(db);
    const markTime = timeMarker(db);
    const commitBatch = db.transaction((batch: PreparedEvent[]) => {
      for (const { record: r, prevHash, hash, projected } of batch) {
        insert.run(r.seq, r.at, r.venueAt, r.venue, r.kind, r.market, r.clientId, r.venueOrderId, r.payload, r.raw, prevHash, hash, r.account, r.version);
        if (projected) projector.apply(projected);
        if (r.seq % TIME_BLOCK === 0) markTime(r.seq);
      }
      const last = batch[batch.length - 1];
      moveHead.run(last.record.seq, last.hash);
      // The deferred indexes last and in one statement each: a statement that opens a savepoint (the
      // events' triggers do) makes FTS5 write out what it holds as a segment of its own.
      if (unindexed + batch.length >= SEARCH_INDEX_BACKLOG) catchUpIndexes();
    });
    const head = db.prepare('SELECT seq, hash FROM head').get() as Anchor;
    this.committed = head;
    this.appended = head;
    const anchor = seat.reading();
    if (anchor.status !== 'found' || anchor.anchor.seq !== head.seq) seat.record(head.seq, head.hash);
    return {
      seat,
      commitBatch: (batch) => {
        commitBatch.immediate(batch);
        unindexed = unindexed + batch.length >= SEARCH_INDEX_BACKLOG ? 0 : unindexed + batch.length;
      },
    };
  }

  health(): JournalHealth {
    if (this.status.state === 'ok') {
      return { state: 'ok', message: `Recording to ${this.path}; the chain head is at seq ${this.appended.seq}.` };
    }
    return { ...this.status };
  }

  /**
   * Adds one event to the chain and returns it as stored (seq, hash). With `durable` it is
   * committed before this returns; otherwise within groupCommitMs, or at flush().
   * Throws JournalUnavailableError when nothing can be recorded, JournalInputError for a malformed event.
   */
  append(event: NewEvent, options: AppendOptions): JournalEvent {
    this.requireWriter();
    const prepared = prepareEvent(event, this.appended.seq + 1, (this.clock as Clock).now(), this.appended.hash);
    this.pending.push(prepared);
    this.appended = { seq: prepared.record.seq, hash: prepared.hash };
    const fact = prepared.projected;
    if (fact && (fact.kind === 'FILL' || fact.kind === 'TRADE_BUST' || fact.kind === 'FILL_REVERSED')) {
      const fillId = (fact.payload as { fillId: string }).fillId;
      this.pendingFacts.set(factKey(fact.account, fact.venue, fillId), fact.kind === 'FILL' ? 'fill' : 'bust');
    }
    if (options.durable || this.pending.length >= MAX_PENDING) {
      this.commitPending();
    } else if (!this.cancelTimer) {
      this.cancelTimer = (this.commitClock as Clock).setTimer(this.groupCommitMs, () => this.commitOnTimer());
    }
    return preparedToEvent(prepared);
  }

  /** Commits every pending event now. Throws JournalUnavailableError if they cannot be recorded. */
  flush(): void {
    this.requireWriter();
    this.commitPending();
  }

  query(q: JournalQuery = {}): JournalPage {
    return this.read((reader) => reader.query(q));
  }

  count(): number {
    return this.read((reader) => reader.count());
  }

  /** The last stored record, or null while the journal is empty. */
  /**
   * The newest record appended, committed or still inside its group-commit window; unlike
   * head() it commits nothing, so a status display can ask as often as it likes.
   */
  lastAppended(): Anchor | null {
    if (this.writer && this.status.state === 'ok') return this.appended.seq === 0 ? null : { ...this.appended };
    return this.head();
  }

  head(): Anchor | null {
    if (this.writer && this.status.state === 'ok') {
      this.settle();
      return this.committed.seq === 0 ? null : { ...this.committed };
    }
    return this.read((reader) => reader.last());
  }

  orders(filter?: OrderFilter): OrderRow[] {
    return this.read((_reader, db) => readOrders(db, filter));
  }

  fills(filter?: FillFilter): FillRow[] {
    return this.read((_reader, db) => readFills(db, filter));
  }

  /**
   * Whether the account holds this venue fill, and whether it still counts — including what was
   * appended and not yet committed, without forcing a commit (a catch-up of thousands of fills
   * must not fsync each one).
   */
  knownFill(account: string, venue: string, fillId: string): { busted: boolean } | null {
    const pending = this.pendingFacts.get(factKey(account, venue, fillId));
    if (pending) return { busted: pending === 'bust' };
    if (!this.db) throw new JournalUnavailableError(this.status.state === 'ok' ? 'failed' : this.status.state, this.status.message);
    const busted = fillBusted(this.db, account, venue, fillId);
    return busted === undefined ? null : { busted: busted === 1 };
  }

  positions(filter?: { account?: string }): PositionRow[] {
    return this.read((_reader, db) => readPositions(db, filter));
  }

  /** The account's last reported balance, or null before the venue reported one. */
  balance(account: string): BalanceRow | null {
    return this.read((_reader, db) => readBalance(db, account));
  }

  /** Where the account's last complete reconciliation left off, or null before the first. */
  reconcileCheckpoint(account: string): ReconcileCheckpoint | null {
    return this.read((_reader, db) => readCheckpoint(db, account));
  }

  /** Every account the journal holds records of, in order of first appearance. */
  accounts(): string[] {
    return this.read((_reader, db) => readAccounts(db));
  }

  /**
   * Walks the whole chain on a separate read-only connection (appends may continue meanwhile)
   * and names the first bad record. A failed verification stops recording: nothing is repaired.
   */
  async verify(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyReport> {
    if (this.closed) throw new JournalUnavailableError('failed', this.status.message);
    this.settle();
    const anchor = this.writer ? this.writer.seat.reading() : readAnchor(this.path);
    let db: Database.Database;
    try {
      db = new Database(this.readPath, { readonly: true, fileMustExist: true });
    } catch (err) {
      this.fail(`Verification could not read the journal: ${plainReason(err)}.`);
      return { events: 0, head: null, verified: false, firstBad: { seq: 1, reason: `the file cannot be read: ${plainReason(err)}` } };
    }
    let report: VerifyReport;
    try {
      report = await verifyChain(db, anchor, onProgress);
    } finally {
      db.close();
    }
    if (!report.verified) {
      const finding = report.firstBad
        ? `record seq ${report.firstBad.seq} is bad: ${report.firstBad.reason}`
        : describeTail(report.truncatedTail!);
      this.fail(`Verification failed: ${finding}. Nothing has been repaired; what can be read is still readable.`);
    }
    return report;
  }

  /** Commits what is pending, then lets go of the file and the writer's seat. */
  close(): void {
    if (this.closed) return;
    this.settle();
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.dispose();
    this.writer?.seat.release();
    this.db = null;
    this.reader = null;
    this.writer = null;
    this.closed = true;
    this.status = { state: 'failed', message: 'The journal is closed.' };
  }

  private requireWriter(): Writer {
    if (this.writer && this.status.state === 'ok') return this.writer;
    throw new JournalUnavailableError(this.status.state === 'ok' ? 'read_only' : this.status.state, this.status.message);
  }

  private commitPending(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.pending.length === 0) return;
    const writer = this.writer as Writer;
    const batch = this.pending;
    this.pending = [];
    this.pendingFacts.clear();
    try {
      writer.commitBatch(batch);
    } catch (err) {
      this.writeFailed(err, batch);
      throw new JournalUnavailableError('failed', this.status.message);
    }
    const last = batch[batch.length - 1];
    this.committed = { seq: last.record.seq, hash: last.hash };
    try {
      writer.seat.record(last.record.seq, last.hash);
    } catch (err) {
      // The events are committed; only the anchor is behind. Stop before the two can drift further.
      this.fail(`Recording stopped: the anchor beside the journal could not be updated (${plainReason(err)}). Everything up to seq ${last.record.seq} is safely recorded.`);
    }
  }

  private commitOnTimer(): void {
    this.cancelTimer = null;
    try {
      this.commitPending();
    } catch (err) {
      // No caller is waiting on a timed commit: health() already says what failed, and the next append throws.
      if (!(err instanceof JournalUnavailableError)) throw err;
    }
  }

  /** Commits pending events before a read so that readers see them; a failure shows in health. */
  private settle(): void {
    if (this.pending.length === 0 || !this.writer || this.status.state !== 'ok') return;
    try {
      this.commitPending();
    } catch (err) {
      if (!(err instanceof JournalUnavailableError)) throw err;
    }
  }

  private read<T>(fn: (reader: EventReader, db: Database.Database) => T): T {
    this.settle();
    if (!this.db || !this.reader) {
      throw new JournalUnavailableError(this.status.state === 'ok' ? 'failed' : this.status.state, this.status.message);
    }
    try {
      return fn(this.reader, this.db);
    } catch (err) {
      if (err instanceof JournalInputError) throw err;
      if (isCorruption(err)) this.fail(`The journal file is damaged: ${plainReason(err)}. Nothing has been repaired; what can be read is still readable.`);
      throw new JournalUnavailableError(this.status.state === 'ok' ? 'failed' : this.status.state, `This part of the journal cannot be read: ${plainReason(err)}.`);
    }
  }

  private writeFailed(err: unknown, lost: PreparedEvent[]): void {
    const first = lost[0].record.seq;
    const last = lost[lost.length - 1].record.seq;
    const range = first === last ? `seq ${first}` : `seq ${first}–${last}`;
    this.appended = { ...this.committed };
    this.fail(
      `Recording stopped: ${plainReason(err)}. Everything up to seq ${this.committed.seq} is safely recorded; ` +
        `${lost.length} event${lost.length === 1 ? '' : 's'} waiting to be written (${range}) ${lost.length === 1 ? 'was' : 'were'} not. ` +
        'Reopen the journal once the problem is fixed.',
    );
  }

  /** Stops recording for good, keeping the first explanation when there already is one. */
  private fail(message: string): void {
    if (this.status.state === 'failed') return;
    this.status = { state: 'failed', message: `${message} ${this.consequence}` };
  }
}
