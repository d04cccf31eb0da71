/**
 * Reconciliation runs (DESIGN §9): on reconnect, on every status transition, after a height
 * regression or a trade bust, periodically and on demand. It asks the venue for its story,
 * compares it with the journal's, confirms every missing order with a targeted look-up (one
 * "not found" in a list is weak evidence) and hands the findings on. Runs never overlap.
 */
import type { Finding } from '../../../shared/incidents';
import type { Clock } from '../clock';
import { JournalUnavailableError } from '../journal/errors';
import type { Journal } from '../journal/journal';
import type { FillRow } from '../journal/projections';
import type { NewEvent } from '../journal/payloads';
import type { QueryResult, VenueAdapter } from '../venues/port';
import { compare, finding, positionDrift, type VenueStory } from './compare';

export interface ReconcileDeps {
  clock: Clock;
  journal: Journal;
  venue: VenueAdapter;
  /** Where the venue's history starts to matter: the session's first moment. */
  since: number;
  onFindings(findings: Finding[], runSeq: number): void;
  /** After every complete run: the orders the venue lists as live again although the journal saw them closed. */
  onReconciled(reopened: string[], evidence: number[]): void;
}

export class Reconciler {
  private running: Promise<void> | null = null;
  private stopped = false;
  private again: string | null = null;
  readonly reversedFills = new Set<string>();
  readonly vanishedOrders = new Set<string>();
  private readonly fillTimes = new Map<string, number>();
  /**
   * The journal's fills, read once and then kept in step as fills and busts are journalled, so
   * a run does not read every fill back from the file (100k fills would take most of a second).
   */
  private readonly fills = new Map<string, FillRow>();

  constructor(private readonly deps: ReconcileDeps) {
    // A journal that cannot be read has said so in its health; reconciliation then starts empty.
    const known = deps.journal.health().state === 'failed' ? [] : deps.journal.fills();
    for (const fill of known) this.fills.set(fill.fillId, fill);
  }

  /** A fill just journalled; its time keeps a fresh fill from being called reversed before the venue lists it. */
  sawFill(fill: FillRow, at: number): void {
    this.fills.set(fill.fillId, fill);
    this.fillTimes.set(fill.fillId, at);
  }

  /** A bust the venue announced: the fill no longer counts, as in the journal's projection. */
  sawBust(fillId: string): void {
    const fill = this.fills.get(fillId);
    if (fill) this.fills.set(fillId, { ...fill, busted: true });
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

  private async run(trigger: string): Promise<void> {
    const { venue, journal, clock, since } = this.deps;
    const [fills, busts, history, open, positions] = await Promise.all([
      venue.fills({ since }), venue.tradeBusts(), venue.ordersHistory({ since }), venue.openOrders(), venue.positions(),
    ]);
    if (this.stopped) return;
    const failed = [fills, busts, history, open, positions].find((r): r is Extract<QueryResult<unknown>, { ok: false }> => !r.ok);
    const now = clock.now();
    if (failed) {
      this.append({ kind: 'RECONCILE_RUN', venue: venue.venue, payload: { trigger, complete: false, error: failed.error.message }, raw: failed.error.raw });
      return;
    }
    const story: VenueStory = {
      fills: ok(fills), busts: ok(busts), orders: [...ok(history), ...ok(open)], positions: ok(positions),
    };
    const result = compare(story, { fills: [...this.fills.values()], orders: journal.orders(), positions: journal.positions(), reversedFills: this.reversedFills, vanishedOrders: this.vanishedOrders }, now, this.fillTimes);
    const confirmed = [];
    for (const row of result.missing) {
      const lookup = await venue.orderByClientId(row.clientId);
      if (lookup.ok && !lookup.value.found) confirmed.push(row);
    }
    if (this.stopped) return;
    const run = this.append({
      kind: 'RECONCILE_RUN',
      venue: venue.venue,
      payload: {
        trigger, complete: true, venueFills: story.fills.length, venueOrders: story.orders.length,
        reversed: result.reversed.map((f) => f.fillId), discovered: result.discovered.map((f) => f.fillId),
        vanished: confirmed.map((o) => o.clientId), ambiguous: result.ambiguous.map((a) => a.row.clientId),
        reopened: result.reopened.map((r) => r.row.clientId),
      },
    });
    if (!run) return;
    // The venue's REST answer is its word on these orders now: journalled as such, raw alongside.
    const reopenedSeqs = result.reopened.flatMap(({ order }) => {
      const payload = { status: order.status, remainingSize: order.remainingSize, source: 'reconcile', reconcileSeq: run.seq };
      const update = this.append({
        kind: 'VENUE_ORDER_UPDATE', venue: venue.venue, market: order.market, clientId: order.clientId, venueOrderId: order.venueOrderId,
        payload, raw: JSON.stringify(order),
      });
      return update ? [update.seq] : [];
    });
    const findings: Finding[] = [];
    for (const fill of result.reversed) {
      this.reversedFills.add(fill.fillId);
      const marker = this.append({ kind: 'FILL_REVERSED', venue: venue.venue, market: fill.market, clientId: fill.clientId, venueOrderId: fill.venueOrderId, payload: { fillId: fill.fillId, reconcileSeq: run.seq } });
      findings.push(finding('FILL_REVERSED', now, {
        market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], evidence: [fill.seq, run.seq, ...(marker ? [marker.seq] : [])],
        summary: `fill ${fill.fillId} (${fill.side} ${fill.size} at ${fill.price}${fill.fillType !== 'FILL' ? `, ${fill.fillType}` : ''}) is gone from the venue's history`,
        detail: { fillId: fill.fillId, fillType: fill.fillType, price: fill.price, size: fill.size, side: fill.side, realizedPnl: fill.realizedPnl, fee: fill.fee },
      }));
    }
    for (const fill of result.discovered) {
      findings.push(finding('FILL_DISCOVERED', now, {
        market: fill.market, clientIds: fill.clientId ? [fill.clientId] : [], evidence: [run.seq],
        summary: `the venue lists fill ${fill.fillId} (${fill.side} ${fill.size} at ${fill.price}) that the stream never delivered`,
        detail: { fillId: fill.fillId, price: fill.price, size: fill.size, side: fill.side },
      }));
    }
    for (const row of confirmed) {
      this.vanishedOrders.add(row.clientId);
      findings.push(finding('ORDER_VANISHED', now, {
        market: row.market, clientIds: [row.clientId], evidence: [row.lastSeq, run.seq],
        summary: `order ${row.clientId} is unknown to the venue, in its lists and by a direct look-up`,
        detail: { lastState: row.state },
      }));
    }
    for (const { row, order } of result.ambiguous) {
      findings.push(finding('API_AMBIGUITY', now, {
        market: row.market, clientIds: [row.clientId], evidence: [row.lastSeq, run.seq],
        summary: `order ${row.clientId} got no clear answer when sent, yet the venue has it (${order.status})`,
        detail: { venueStatus: order.status },
      }));
    }
    for (const drift of positionDrift(story.positions, journal.positions())) {
      findings.push(finding('POSITION_DRIFT', now, {
        market: drift.market, evidence: [run.seq],
        summary: `the venue holds ${drift.venue} ${drift.market}; the journal's fills add up to ${drift.journal}`,
        detail: { venue: drift.venue, journal: drift.journal },
      }));
    }
    if (findings.length) this.deps.onFindings(findings, run.seq);
    this.deps.onReconciled(result.reopened.map((r) => r.row.clientId), [run.seq, ...reopenedSeqs]);
  }

  private append(event: NewEvent) {
    try {
      return this.deps.journal.append(event, { durable: true });
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
