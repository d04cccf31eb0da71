/**
 * The terminal: one venue adapter, the independent reference feeds, the journal and order entry,
 * wired together and exposed to hosts as the contract's handlers plus an event stream.
 */
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayloads } from '../../../shared/contract';
import type { TerminalSnapshot } from '../../../shared/snapshot';
import type { CoreEventListener, CoreService } from '../api/core-service';
import type { Clock } from '../clock';
import type { Journal } from '../journal/journal';
import { OrderPipeline, type ReferenceReading } from '../orders/order-pipeline';
import type { MarketRules } from '../orders/validate-ticket';
import { ReferencePoller, type ReferenceEvent } from '../reference/poller';
import { ReferencePrice } from '../reference/reference-price';
import type { ReferenceFeed } from '../reference/sample';
import { defaultRiskSettings } from '../risk/risk-settings';
import type { VenueAdapter, VenueEvent } from '../venues/port';
import type { VenueStatus } from '../../../shared/domain';
import { venueChannel } from './event-channel';
import { immediateGate, type EventGate } from './event-gate';
import { buildHandlers } from './handlers';
import { journalPorts } from './journal-ports';
import { JournalReview } from './journal-review';
import { PriceHistory } from './price-history';
import { ReferenceRecorder } from './reference-recorder';
import { VenueRecorder } from './venue-recorder';
import { VenueView } from './venue-view';

export interface TerminalParts {
  clock: Clock;
  journal: Journal;
  venue: VenueAdapter;
  feeds: ReferenceFeed[];
  referencePollMs?: number;
  /** Called on close, after everything else stopped (e.g. the embedded simulator). */
  onClose?: () => Promise<void>;
  /** How events enter; a replay settles them per instant (see event-gate). */
  gate?: EventGate;
  /** Client ids for orders the terminal creates; a replay makes them deterministic. */
  newClientId?: () => string;
}

const VENUE_CLOSED_MODES = new Set(['maintenance', 'cancel_only', 'post_only', 'halted']);
/** Snapshots are pushed at most this often, however busy the venue is. */
const SNAPSHOT_COALESCE_MS = 100;

export class Terminal implements CoreService {
  readonly journalPath: string;
  readonly handlers;
  readonly view = new VenueView();
  readonly prices = new PriceHistory();
  readonly pipeline: OrderPipeline;
  readonly review: JournalReview;
  private readonly listeners = new Set<CoreEventListener>();
  private readonly reference: ReferencePrice;
  private readonly referenceRecorder: ReferenceRecorder;
  private readonly ports: ReturnType<typeof journalPorts>;
  private readonly stops: (() => void)[] = [];
  private markets = new Map<string, MarketRules>();
  private reopenedAt: number | null = null;
  private snapshotTimer: (() => void) | null = null;

  constructor(private readonly parts: TerminalParts) {
    const { clock, journal, venue, feeds } = parts;
    this.journalPath = journal.path;
    this.review = new JournalReview(journal);
    const ports = (this.ports = journalPorts(journal));
    this.reference = new ReferencePrice({ clock, sources: feeds.map((f) => f.source) });
    this.pipeline = new OrderPipeline({
      journal: ports,
      venue,
      clock,
      market: (symbol) => this.markets.get(symbol),
      reference: (market) => this.referenceReading(market),
      venueState: (market) => ({ status: this.view.status, reopenedAt: this.reopenedAt, mark: this.prices.latestMark(market), now: clock.now() }),
      risk: (market) => defaultRiskSettings(market),
      newClientId: parts.newClientId ?? (() => randomUUID()),
    });
    this.handlers = buildHandlers(this);
    this.recordVenue(new VenueRecorder(ports, venue.venue));
    this.referenceRecorder = new ReferenceRecorder(ports);
  }

  /** Connects to the venue, learns its markets and starts the reference feeds. */
  async start(): Promise<void> {
    await this.parts.venue.connect();
    const markets = await this.parts.venue.markets();
    if (markets.ok) for (const m of markets.value) this.markets.set(m.symbol, { symbol: m.symbol, tickSize: m.tickSize, stepSize: m.stepSize });
    this.startReference([...this.markets.keys()]);
    this.scheduleSnapshot();
  }

  referenceReading(market: string): ReferenceReading {
    const quote = this.reference.quote(market);
    return { price: quote.price, fresh: quote.sources.length, total: quote.total, reason: quote.reason, ageMs: quote.oldestAgeMs };
  }

  marketList(): MarketRules[] {
    return [...this.markets.values()];
  }

  snapshot(): TerminalSnapshot {
    const health = this.parts.journal.health();
    const head = this.parts.journal.head();
    return {
      venue: { name: this.parts.venue.venue, status: this.view.status, since: this.view.since, connection: this.view.connection },
      journal: { state: health.state, message: health.message, events: head?.seq ?? 0, head: head?.hash ?? null, path: this.journalPath },
      markets: this.marketList(),
      positions: this.view.positionList(),
      openOrders: this.view.openOrderList(this.pipeline.outcomes),
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pushes a snapshot soon; many changes in a burst become one push. */
  scheduleSnapshot(): void {
    this.snapshotTimer ??= this.parts.clock.setTimer(SNAPSHOT_COALESCE_MS, () => {
      this.snapshotTimer = null;
      this.emit('snapshot', this.snapshot());
    });
  }

  async close(): Promise<void> {
    this.snapshotTimer?.();
    for (const stop of this.stops) stop();
    await this.parts.venue.close();
    this.review.close();
    this.parts.journal.close();
    await this.parts.onClose?.();
  }

  private recordVenue(recorder: VenueRecorder): void {
    const gate = this.parts.gate ?? immediateGate;
    this.stops.push(this.parts.venue.subscribe((event) => gate.deliver(venueChannel(event), () => this.applyVenueEvent(recorder, event))));
  }

  private applyVenueEvent(recorder: VenueRecorder, event: VenueEvent): void {
    recorder.record(event);
    const before = this.view.status;
    if (this.view.apply(event)) this.scheduleSnapshot();
    if (this.view.status !== before) this.recordInferredStatus(before, event);
    if (event.kind === 'price') this.emit('price', this.prices.record(event.price.market, event.at, { mark: event.price.markPrice }));
  }

  /** The venue's mode as the terminal infers it; the first known mode after start counts too. */
  private recordInferredStatus(before: VenueStatus, event: VenueEvent): void {
    // A reopening (not a reconnection) keeps the band tight for a while (DESIGN §7).
    if (VENUE_CLOSED_MODES.has(before) && this.view.status === 'ok') this.reopenedAt = event.at;
    this.ports.appendDurable({
      venue: this.parts.venue.venue,
      kind: 'VENUE_STATUS',
      payload: { status: this.view.status, previous: before, source: 'terminal', cause: event.kind },
    });
  }

  private startReference(markets: string[]): void {
    const poller = new ReferencePoller({ clock: this.parts.clock, feeds: this.parts.feeds, markets, intervalMs: this.parts.referencePollMs });
    const gate = this.parts.gate ?? immediateGate;
    this.stops.push(
      poller.subscribe((event) => {
        const source = event.kind === 'sample' ? event.sample : event.error;
        gate.deliver(`reference:${source.source}:${source.market}`, () => this.applyReferenceEvent(event));
      }),
    );
    this.stops.push(() => poller.stop());
    poller.start();
  }

  private applyReferenceEvent(event: ReferenceEvent): void {
    this.referenceRecorder.record(event);
    if (event.kind !== 'sample') return;
    this.reference.add(event.sample);
    const { market } = event.sample;
    this.emit('price', this.prices.record(market, event.sample.receivedAt, { reference: this.reference.quote(market).price }));
  }
}
