/**
 * Reconciliation runs (DESIGN §9): on reconnect, on every status transition, after a height
 * regression or a trade bust, periodically and on demand. It asks the venue for its story inside
 * a window it can see — from the account's persisted checkpoint, so a restart continues where the
 * journal left off — and compares it with the journal's own account-scoped projections. What the
 * venue knows and the journal lacks enters through the one door as a venue fact (`source: rest`),
 * judged like a stream fact; a fill missed while the stream was up is also an alarm, one missed
 * while we were away is a catch-up. What the journal holds and the venue no longer lists inside
 * that window is named, never repaired. Runs never overlap.
 */
import Decimal from 'decimal.js';
import type { JournalEvent } from '../../../shared/domain';
import type { Finding } from '../../../shared/incidents';
import type { Clock } from '../clock';
import { JournalUnavailableError } from '../journal/errors';
import type { Journal, ReconcileCheckpoint } from '../journal/journal';
import type { NewJournalEvent } from '../orders/journal-port';
import type { QueryResult, TradeBust, VenueAdapter, VenueEvent, VenueFill, VenueOrder, VenuePosition } from '../venues/port';
import { compare, fillTime, finding, positionDrift, SETTLE_MS, type VenueStory } from './compare';

/** How far back a window ever reaches: rollbacks and halts are hours, not days. */
export const LOOKBACK_MS = 24 * 60 * 60_000;
/** An unresolved command the venue does not know after this long, asked twice, never reached it. */
const NOT_FOUND_MS = 60_000;

export interface ReconcileDeps {
  clock: Clock;
  journal: Journal;
  account: string;
  venue: VenueAdapter;
  /** When this session began: an account's first window starts no later. */
  sessionStart: number;
  /** The one door: a venue fact enters exactly as a stream fact does; null when the journal already knew it. */
  admit(event: VenueEvent): JournalEvent | null;
  /** Before facts from the past are judged, the independent price at their times is made available (backfilled where needed). */
  backfillReference(market: string, times: number[]): Promise<void>;
  /** Whether the stream was connected at `at` in this session (a fill missed then is an alarm, not a catch-up). */
  streamCovered(at: number): boolean;
  /** Durable, stamped with the account. */
  append(event: NewJournalEvent): JournalEvent;
  /** Orders already found vanished (restored incidents), so a restart names them once. */
  vanished: Iterable<string>;
  onFindings(findings: Finding[], runSeq: number): void;
  /** After every complete run: the orders the venue lists as live again although the journal saw them closed. */
  onReconciled(reopened: string[], evidence: number[]): void;
}

type Failed = Extract<QueryResult<unknown>, { ok: false }>;

export class Reconciler {
  private running: Promise<void> | null = null;
  private stopped = false;
  private again: string | null = null;
  /** Orders found vanished, in this session or before (the report and the next runs name them once). */
  readonly vanishedOrders: Set<string>;
  /** Unresolved orders the venue answered "not found" for, and when it first did. */
  private readonly notFound = new Map<string, number>();

  constructor(private readonly deps: ReconcileDeps) {
    this.vanishedOrders = new Set(deps.vanished);
  }

  /** Ends reconciliation: a run still waiting for the venue records nothing when it returns. */
  stop(): void {
    this.stopped = true;
  }

  request(trigger: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = trigger;
      return this.running;
    }
    const run = this.run(trigger).catch((error: unknown) => {
      // A journal that failed says so in its health, which the status bar shows; a run has nothing to add.
      if (!(error instanceof JournalUnavailableError)) throw error;
    }).finally(() => {
      this.running = null;
      const next = this.again;
      this.again = null;
      if (next) void this.request(next);
    });
    this.running = run;
    this.deps.clock.track?.(run);
    return run;
  }

  /** Where this account's venue history must be read from: the checkpoint's window, else its first record. */
  private windowStart(now: number, checkpoint: ReconcileCheckpoint | null): number {
    const { journal, account, sessionStart } = this.deps;
    const first = () => journal.query({ account, limit: 1 }).events[0]?.at ?? sessionStart;
    const start = checkpoint?.windowStart ?? Math.min(first(), sessionStart);
    return Math.max(start, now - LOOKBACK_MS);
  }

  private async run(trigger: string): Promise<void> {
    const { venue, journal, clock, account } = this.deps;
    const now = clock.now();
    const checkpoint = journal.reconcileCheckpoint(account);
    const first = checkpoint === null;
    const start = this.windowStart(now, checkpoint);
    const askedAtSeq = journal.lastAppended()?.seq ?? 0;
    const startSeq = journal.query({ account, since: start, limit: 1 }).events[0]?.seq ?? askedAtSeq + 1;
    const [fills, busts, history, open, positions] = await Promise.all([
      venue.fills({ since: start }), venue.tradeBusts(), venue.ordersHistory({ since: start }), venue.openOrders(), venue.positions(),
    ]);
    if (this.stopped) return;
    const failed = [fills, busts, history, open, positions].find((r): r is Failed => !r.ok);
    if (failed) {
      this.record({ kind: 'RECONCILE_RUN', venue: venue.venue, payload: { trigger, complete: false, error: failed.error.message }, raw: failed.error.raw });
      return;
    }
    const story: VenueStory = { fills: ok(fills), busts: ok(busts), orders: [...ok(history), ...ok(open)], positions: ok(positions) };
    const result = compare(
      story,
      // Only what the window can speak of: a year of fills is not read back every minute.
      { fills: journal.fills({ account, since: start - SETTLE_MS }), orders: journal.orders({ account, activeOrSinceSeq: startSeq }), vanishedOrders: this.vanishedOrders },
      { start, startSeq, now, askedAtSeq },
    );
    const findings: Finding[] = [];
    const admitted: number[] = [];
    const caughtUp: string[] = [];

    await this.backfill(result.newFills, now);
    if (this.stopped) return;
    for (const fill of result.newFills) {
      const record = this.admitFill(fill);
      if (!record) continue;
      admitted.push(record.seq);
      const at = fillTime(fill, now);
      if (this.deps.streamCovered(at) && now - at >= SETTLE_MS) {
        findings.push(finding('FILL_DISCOVERED', now, {
          market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], evidence: [record.seq],
          summary: `the venue lists fill ${fill.fillId} (${fill.side} ${fill.size} at ${fill.price}) that the stream never delivered while connected`,
          detail: { fillId: fill.fillId, price: fill.price, size: fill.size, side: fill.side },
        }));
      } else caughtUp.push(fill.fillId);
    }
    for (const bust of result.newBusts) this.admitInto(admitted, { kind: 'trade_bust', bust, ...this.base(now, bust.venueAt, bust) });
    for (const order of result.orderUpdates) this.admitInto(admitted, { kind: 'order', order, ...this.base(now, order.venueAt, order) });

    const confirmed = [];
    for (const row of result.missing) {
      const lookup = await venue.orderByClientId(row.clientId as string);
      if (this.stopped) return;
      if (!lookup.ok) continue;
      if (lookup.value.found) this.admitInto(admitted, { kind: 'order', order: lookup.value.order, ...this.base(now, lookup.value.order.venueAt, lookup.value.order) });
      else confirmed.push(row);
    }
    const ambiguous = [...result.ambiguous];
    const rejectedAfterAll: string[] = [];
    for (const row of journal.orders({ account, activeOrSinceSeq: startSeq }).filter((r) => r.state === 'unresolved' && r.origin === 'own')) {
      if (ambiguous.some((a) => a.row.clientId === row.clientId)) continue;
      const lookup = await venue.orderByClientId(row.clientId as string);
      if (this.stopped) return;
      if (!lookup.ok) continue;
      if (lookup.value.found) {
        this.admitInto(admitted, { kind: 'order', order: lookup.value.order, ...this.base(now, lookup.value.order.venueAt, lookup.value.order) });
        ambiguous.push({ row, order: lookup.value.order });
        continue;
      }
      const first = this.notFound.get(row.clientId as string) ?? now;
      this.notFound.set(row.clientId as string, first);
      if (now - first >= NOT_FOUND_MS) rejectedAfterAll.push(row.clientId as string);
    }

    const run = this.record({
      kind: 'RECONCILE_RUN',
      venue: venue.venue,
      payload: {
        trigger, complete: true, windowStart: start, venueFills: story.fills.length, venueOrders: story.orders.length, admitted,
        caughtUp, reversed: result.reversed.map((f) => f.fillId), restored: result.restored.map((f) => f.fillId), vanished: confirmed.map((o) => o.clientId as string),
        ambiguous: ambiguous.map((a) => a.row.clientId as string), reopened: result.reopened.map((r) => r.row.clientId ?? r.row.orderKey),
        notAtVenue: rejectedAfterAll,
      },
      raw: admitted.length > 0 ? JSON.stringify({ fills: ok(fills).length, pages: [...raws(fills), ...raws(history), ...raws(open), ...raws(busts)] }) : null,
    });
    if (!run) return;
    for (const clientId of rejectedAfterAll) {
      this.notFound.delete(clientId);
      const row = journal.orders({ account, clientId })[0];
      this.record({
        kind: 'ORDER_REJECT', venue: venue.venue, market: row?.market ?? null, clientId,
        payload: { code: 'NOT_AT_VENUE', message: `the venue has no record of this order, asked again over ${NOT_FOUND_MS / 1000} s after no clear answer`, reconcileSeq: run.seq },
      });
    }
    for (const fill of result.restored) {
      this.record({ kind: 'FILL_RESTORED', venue: venue.venue, market: fill.market, clientId: fill.clientId, venueOrderId: fill.venueOrderId, payload: { fillId: fill.fillId, reconcileSeq: run.seq } });
    }
    for (const fill of result.reversed) {
      const marker = this.record({ kind: 'FILL_REVERSED', venue: venue.venue, market: fill.market, clientId: fill.clientId, venueOrderId: fill.venueOrderId, payload: { fillId: fill.fillId, reconcileSeq: run.seq } });
      findings.push(finding('FILL_REVERSED', now, {
        market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], evidence: [fill.seq, run.seq, ...(marker ? [marker.seq] : [])],
        summary: `fill ${fill.fillId} (${fill.side} ${fill.size} at ${fill.price}${fill.fillType !== 'FILL' ? `, ${fill.fillType}` : ''}) is gone from the venue's history`,
        detail: { fillId: fill.fillId, fillType: fill.fillType, price: fill.price, size: fill.size, side: fill.side, realizedPnl: fill.realizedPnl, fee: fill.fee },
      }));
    }
    const confirmedDrift = await this.confirmedDrift(story.positions, now);
    if (this.stopped || confirmedDrift === null) return;
    // The first time an account is reconciled, what it held before Blackbox watched it is its
    // opening position (journalled as the venue's word), not a drift.
    const drift = first ? [] : confirmedDrift;
    if (first) {
      for (const d of confirmedDrift) {
        const size = new Decimal(d.venue).minus(d.journal);
        this.record({ kind: 'OPENING_POSITION', venue: venue.venue, market: d.market, payload: { size: size.isZero() ? '0' : size.toFixed(), venueSize: d.venue, reconcileSeq: run.seq } });
      }
    }
    for (const row of confirmed) {
      this.vanishedOrders.add(row.clientId as string);
      findings.push(finding('ORDER_VANISHED', now, {
        market: row.market, clientIds: [row.clientId as string], evidence: [row.lastSeq, run.seq],
        summary: `order ${row.clientId} is unknown to the venue, in its lists and by a direct look-up`,
        detail: { lastState: row.state },
      }));
    }
    for (const { row, order } of result.cancelled) {
      // The venue's answer to a cancel that got none: journalled as the venue's word, then named.
      const ack = this.record({ kind: 'CANCEL_ACK', venue: venue.venue, market: row.market, clientId: row.clientId, venueOrderId: row.venueOrderId, payload: { source: 'rest', reconcileSeq: run.seq } });
      findings.push(finding('API_AMBIGUITY', now, {
        market: row.market, clientIds: [row.clientId as string], evidence: [row.lastSeq, run.seq, ...(ack ? [ack.seq] : [])],
        summary: `the cancel of ${row.clientId} got an error or no answer (${row.cancelReason ?? 'unresolved'}), yet the venue cancelled it`,
        detail: { venueStatus: order.status, cancelReason: order.cancelReason, answer: row.cancelReason },
      }));
    }
    for (const { row, order } of ambiguous) {
      findings.push(finding('API_AMBIGUITY', now, {
        market: row.market, clientIds: [row.clientId as string], evidence: [row.lastSeq, run.seq],
        summary: `order ${row.clientId} got an error or no answer when sent (${row.reason ?? 'unresolved'}), yet the venue has it (${order.status})`,
        detail: { venueStatus: order.status, answer: row.reason },
      }));
    }
    for (const d of drift) {
      findings.push(finding('POSITION_DRIFT', now, {
        market: d.market, evidence: [run.seq],
        summary: `the venue holds ${d.venue} ${d.market}; the journal's fills add up to ${d.journal}`,
        detail: { venue: d.venue, journal: d.journal },
      }));
    }
    if (findings.length) this.deps.onFindings(findings, run.seq);
    this.deps.onReconciled(result.reopened.map((r) => r.row.clientId ?? r.row.orderKey), [run.seq, ...admitted]);
  }

  /**
   * Position drift that survives a second look: fills that landed between the venue's answers
   * (a liquidation in the same instant as the run) are taken in first. Null when the run stopped.
   */
  private async confirmedDrift(positions: VenuePosition[], now: number): Promise<ReturnType<typeof positionDrift> | null> {
    const { journal, account, venue } = this.deps;
    const drift = positionDrift(positions, journal.positions({ account }));
    if (drift.length === 0) return drift;
    const [fills, again] = await Promise.all([venue.fills({ since: now - 2 * SETTLE_MS }), venue.positions()]);
    if (this.stopped) return null;
    if (!fills.ok || !again.ok) return drift;
    const unknown = fills.value.filter((fill) => !journal.fills({ account, fillId: fill.fillId })[0]);
    await this.backfill(unknown, now);
    if (this.stopped) return null;
    for (const fill of unknown) this.admitFill(fill);
    return positionDrift(again.value, journal.positions({ account }));
  }

  /** The independent price at each fill's time, per market, in as few requests as the sources allow. */
  private async backfill(fills: VenueFill[], now: number): Promise<void> {
    const byMarket = new Map<string, number[]>();
    for (const fill of fills) {
      const times = byMarket.get(fill.market) ?? [];
      times.push(fillTime(fill, now));
      byMarket.set(fill.market, times);
    }
    for (const [market, times] of byMarket) await this.deps.backfillReference(market, times);
  }

  private admitFill(fill: VenueFill): JournalEvent | null {
    return this.deps.admit({ kind: 'fill', fill, ...this.base(this.deps.clock.now(), fill.venueAt, fill) });
  }

  private admitInto(admitted: number[], event: VenueEvent): void {
    const record = this.deps.admit(event);
    if (record) admitted.push(record.seq);
  }

  private base(now: number, venueAt: number | null, item: VenueFill | VenueOrder | TradeBust) {
    return { at: now, venueAt, raw: JSON.stringify(item), via: 'rest' as const };
  }

  private record(event: NewJournalEvent): JournalEvent | null {
    try {
      return this.deps.append(event);
    } catch {
      // A journal that cannot record has already said so in its health; the run stops here.
      return null;
    }
  }
}

function ok<T>(result: QueryResult<T>): T {
  if (!result.ok) throw new Error('unreachable: checked above');
  return result.value;
}

function raws(result: QueryResult<unknown>): string[] {
  return result.ok ? result.raw : [];
}
