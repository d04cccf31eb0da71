/**
 * The terminal: one venue adapter, the independent reference feeds, the journal, order entry and
 * the monitor, wired together and exposed to hosts as the contract's handlers plus events.
 */
import { v7 as uuidv7 } from 'uuid';
import type { EventName, EventPayloads, VenueFault } from '../../../shared/contract';
import type { JournalEvent, VenueStatus } from '../../../shared/domain';
import type { TerminalSnapshot } from '../../../shared/snapshot';
import type { CoreEventListener } from '../api/core-service';
import type { Clock } from '../clock';
import { Anchorer } from '../anchor/anchorer';
import type { RequestToken } from '../anchor/tsa-client';
import { ClaimBook } from '../claims/claim-book';
import { IncidentBook } from '../incidents/incident-book';
import { claimsFromJournal, incidentsFromJournal } from '../incidents/restore-history';
import type { Journal, OrderRow } from '../journal/journal';
import { Monitor } from '../monitor/monitor';
import { OrderPipeline, type OrderOutcome, type ReferenceReading } from '../orders/order-pipeline';
import type { MarketRules } from '../orders/validate-ticket';
import { Reconciler } from '../reconcile/reconciler';
import { ReferencePoller, type ReferenceEvent } from '../reference/poller';
import { ReferencePrice } from '../reference/reference-price';
import type { ReferenceFeed } from '../reference/sample';
import { defaultRiskSettings, type MarketRiskSettings } from '../risk/risk-settings';
import type { VenueAdapter, VenueEvent, VenueMarket, VenueMode } from '../venues/port';
import { venueChannel } from './event-channel';
import { immediateGate, type EventGate } from './event-gate';
import { accountView, figureInputs, positionViews } from './account-figures';
import { buildHandlers, type TerminalHandlers } from './handlers';
import { journalPorts } from './journal-ports';
import { JournalReview } from './journal-review';
import { PriceHistory } from './price-history';
import { ReferenceRecorder } from './reference-recorder';
import { accountAt, positionsAt } from './account-at';
import { ReferenceAt } from './reference-at';
import { StreamCoverage } from './stream-coverage';
import { VenueRecorder } from './venue-recorder';
import { VenueView } from './venue-view';

export interface TerminalParts {
  clock: Clock;
  journal: Journal;
  /**
   * The trading account every record of this terminal belongs to (DESIGN §6), e.g.
   * `paradex:mainnet:0x…` or `sim:local:Simulator`; everything it reads is scoped to it.
   */
  account: string;
  venue: VenueAdapter;
  feeds: ReferenceFeed[];
  referencePollMs?: number;
  /** Called on close, after everything else stopped (e.g. the embedded simulator). */
  onClose?: () => Promise<void>;
  /** How events enter; a replay settles them per instant (see event-gate). */
  gate?: EventGate;
  /** Client ids for orders the terminal creates; a replay makes them deterministic. */
  newClientId?: () => string;
  /** The band and caps in force per market; the defaults when absent. */
  risk?: (market: string) => MarketRiskSettings;
  /** What the status bar calls this terminal ("Simulator", "Main · Paradex mainnet"); the venue's name when absent. */
  label?: string;
  /** The markets the trader chose; every market the venue lists when absent. */
  markets?: string[];
  /** Present only when the host enabled test hooks: forces a fault on the embedded simulator. */
  injectVenueFault?: (fault: VenueFault) => void;
  /** RFC 3161 time-stamp authorities that anchor the journal head (anchor/tsa-config.ts); none: no anchoring. */
  tsaUrls?: readonly string[];
  /** How a token is asked for; the HTTP client when absent. */
  requestToken?: RequestToken;
}

const VENUE_CLOSED_MODES = new Set<VenueStatus>(['maintenance', 'cancel_only', 'post_only', 'halted']);
/** Snapshots are pushed at most this often, however busy the venue is. */
const SNAPSHOT_COALESCE_MS = 100;
/** A fact this close to now is judged at the live reference; an older one at the journalled or backfilled one. */
const LIVE_REFERENCE_MS = 5_000;
/** Reconciliation also runs on this cadence, whatever else happens. */
const RECONCILE_EVERY_MS = 60_000;
const MODE_REJECTION = /^SYSTEM_STATUS_(CANCEL_ONLY|POST_ONLY|MAINTENANCE)$/;
/** A venue that could not list its markets at start is asked again this often until it can. */
const MARKETS_RETRY_MS = 10_000;

/** One venue's terminal; hosts serve it through a TerminalSwitch, which adds the session methods. */
export class Terminal {
  readonly journalPath: string;
  readonly handlers: TerminalHandlers;
  readonly view = new VenueView();
  readonly prices = new PriceHistory();
  readonly pipeline: OrderPipeline;
  readonly review: JournalReview;
  readonly incidents: IncidentBook;
  readonly claims: ClaimBook;
  /** Time-stamps the journal head at each incident opened, each claim created and every 10 minutes. */
  readonly anchorer: Anchorer;
  /** Orders whose last cancel did not go through, with why; the tables offer a retry. */
  readonly unresolvedCancels = new Map<string, string>();
  /** Unresolved orders the trader retried, and the client id of the retry. */
  readonly retried = new Map<string, string>();
  readonly reconciler: Reconciler;
  readonly monitor: Monitor;
  private readonly listeners = new Set<CoreEventListener>();
  private readonly reference: ReferencePrice;
  private readonly referenceRecorder: ReferenceRecorder;
  private readonly referenceSeqs = new Map<string, Map<string, number>>();
  private readonly ports: ReturnType<typeof journalPorts>;
  private readonly gate: EventGate;
  private readonly stops: (() => void)[] = [];
  private readonly markets = new Map<string, VenueMarket>();
  private readonly recorder: VenueRecorder;
  private readonly coverage = new StreamCoverage();
  private readonly pastReference: ReferenceAt;
  private reopenedAt: number | null = null;
  /** The venue's last reported cash balance, to match refunds against. */
  private balance: string | null = null;
  private snapshotTimer: (() => void) | null = null;
  private marketsRetry: (() => void) | null = null;
  private closed = false;

  constructor(readonly parts: TerminalParts) {
    const { clock, journal, venue, feeds } = parts;
    this.journalPath = journal.path;
    this.gate = parts.gate ?? immediateGate;
    this.review = new JournalReview(journal);
    this.ports = journalPorts(journal, parts.account);
    this.reference = new ReferencePrice({ clock, sources: feeds.map((f) => f.source) });
    this.referenceRecorder = new ReferenceRecorder(this.ports);
    this.incidents = new IncidentBook(this.ports, venue.venue);
    this.claims = new ClaimBook(this.ports, venue.venue, () => clock.now(), () => this.balance);
    const health = journal.health().state;
    if (health !== 'failed') {
      this.incidents.restore(incidentsFromJournal(journal, parts.account), health === 'ok' ? clock.now() : null);
      this.claims.restore(claimsFromJournal(journal, parts.account));
    }
    this.stops.push(
      this.incidents.onChange((incident, change) => {
        this.emit('incident', incident);
        // A reversal after a claim was made changes what the claim may count.
        if (change === 'updated' && incident.reversedBy !== null) this.claims.reprice(this.incidents.list());
      }),
    );
    this.anchorer = new Anchorer({ journal, account: parts.account, clock, tsaUrls: parts.tsaUrls ?? [], request: parts.requestToken, onChange: () => this.scheduleSnapshot() });
    this.stops.push(this.incidents.onChange((_incident, change) => change === 'opened' && this.anchorer.anchorNow()));
    this.stops.push(this.claims.onCreated(() => this.anchorer.anchorNow()));
    this.recorder = new VenueRecorder(this.ports, venue.venue);
    this.pastReference = new ReferenceAt(journal, this.ports, parts.account, feeds);
    this.reconciler = new Reconciler({
      clock, journal, venue, account: parts.account, sessionStart: clock.now(),
      admit: (event) => this.applyVenueEvent(event),
      backfillReference: (market, times) => this.pastReference.ensure(market, times.filter((at) => !this.isLive(at))),
      streamCovered: (at) => this.coverage.covered(at),
      append: (event) => this.ports.appendDurable(event),
      vanished: this.incidents.list().filter((i) => i.findings.some((f) => f.kind === 'ORDER_VANISHED')).flatMap((i) => i.clientIds),
      onFindings: (findings) => this.monitor.onFindings(findings),
      onReconciled: (ids, evidence) => this.monitor.onReconciled(ids, evidence),
    });
    this.monitor = new Monitor({
      incidents: this.incidents,
      reconciler: this.reconciler,
      now: () => clock.now(),
      accountAt: (at) => accountAt(journal, parts.account, at),
      positionsAt: (at) => positionsAt(journal, parts.account, at),
      positions: () => this.view.positionList().flatMap((p) => (p.entryPrice ? [{ market: p.market, size: p.size, entryPrice: p.entryPrice }] : [])),
      referencePrice: (market) => this.reference.quote(market).price,
      referenceEvidence: (market) => [...(this.referenceSeqs.get(market)?.values() ?? [])],
      referenceAt: (market, at) =>
        this.isLive(at)
          ? { price: this.reference.quote(market).price, evidence: [...(this.referenceSeqs.get(market)?.values() ?? [])] }
          : this.pastReference.read(market, at),
      order: (clientId) => journal.orders({ account: parts.account, clientId })[0] ?? null,
      fill: (fillId) => journal.fills({ account: parts.account, fillId })[0] ?? null,
      maintenanceMargin: (market) => this.markets.get(market)?.maintenanceMargin ?? null,
      venueSaysOk: () => this.view.venueMode === 'ok',
      setHalted: (halted, at) => this.changeStatus(() => this.view.setHalted(halted, at), at, 'height'),
      closeReason: (clientId) => journal.orders({ account: parts.account, clientId })[0]?.reason ?? null,
    });
    this.pipeline = new OrderPipeline({
      journal: this.ports,
      venue,
      clock,
      market: (symbol) => this.markets.get(symbol),
      reference: (market) => this.referenceReading(market),
      venueState: (market) => ({ status: this.view.status, reopenedAt: this.reopenedAt, mark: this.prices.latestMark(market), now: clock.now() }),
      risk: parts.risk ?? ((market) => defaultRiskSettings(market)),
      // UUIDv7 (DESIGN §5): sortable by time, unique across accounts and machines.
      newClientId: parts.newClientId ?? (() => uuidv7()),
      onOutcome: (command, outcome) => this.afterCommand(command, outcome),
    });
    this.handlers = buildHandlers(this);
    this.stops.push(venue.subscribe((event) => this.gate.deliver(venueChannel(event), () => void this.applyVenueEvent(event))));
  }

  /** Connects to the venue, learns its markets and starts the reference feeds and reconciliation. */
  async start(): Promise<void> {
    await this.parts.venue.connect();
    const listed = await this.loadMarkets();
    this.startReference(this.parts.markets ?? [...this.markets.keys()]);
    if (!listed) this.retryMarkets();
    this.scheduleReconcile();
    this.anchorer.start();
    this.seedAccount();
    this.scheduleSnapshot();
  }

  /** The account panel's figures before the venue's stream first sends them (some send only changes). */
  private seedAccount(): void {
    void this.parts.venue.account().then((answer) => {
      if (!answer.ok || this.closed || this.view.account !== null) return;
      this.view.account = answer.value;
      this.scheduleSnapshot();
    });
  }

  /** The venue's tick and step sizes, which the ticket needs; false when the venue did not answer. */
  private async loadMarkets(): Promise<boolean> {
    const markets = await this.parts.venue.markets();
    if (this.closed) return true;
    if (!markets.ok) return false;
    const chosen = this.parts.markets ? new Set(this.parts.markets) : null;
    for (const m of markets.value) if (!chosen || chosen.has(m.symbol)) this.markets.set(m.symbol, m);
    this.scheduleSnapshot();
    return true;
  }

  private retryMarkets(): void {
    this.marketsRetry = this.parts.clock.setTimer(MARKETS_RETRY_MS, () => {
      void this.loadMarkets().then((listed) => {
        if (!listed) this.retryMarkets();
      });
    });
  }

  referenceReading(market: string): ReferenceReading {
    const quote = this.reference.quote(market);
    return { price: quote.price, fresh: quote.sources.length, total: quote.total, reason: quote.reason, ageMs: quote.oldestAgeMs };
  }

  get injectVenueFault(): ((fault: VenueFault) => void) | undefined {
    return this.parts.injectVenueFault;
  }

  /** The live journal's order rows (never a file opened for review). */
  journalOrders(filter?: { clientId?: string }): OrderRow[] {
    return this.parts.journal.orders({ ...filter, account: this.parts.account });
  }

  /** Live journal records by seq, in the order asked; seqs past the head are skipped. */
  journalEvents(seqs: number[]): JournalEvent[] {
    return seqs.flatMap((seq) => this.parts.journal.query({ afterSeq: seq - 1, limit: 1 }).events.filter((e) => e.seq === seq));
  }

  /** The venue's full terms for a market (maintenance margin, and margins and fees where it states them). */
  venueMarket(symbol: string): VenueMarket | undefined {
    return this.markets.get(symbol);
  }

  marketList(): MarketRules[] {
    return [...this.markets.values()].map(({ symbol, tickSize, stepSize }) => ({ symbol, tickSize, stepSize }));
  }

  snapshot(): TerminalSnapshot {
    const health = this.parts.journal.health();
    const head = this.parts.journal.lastAppended();
    const figures = figureInputs(this);
    return {
      session: { kind: 'live' },
      venue: {
        name: this.parts.venue.venue,
        account: this.parts.label ?? this.parts.venue.venue,
        accountId: this.parts.account,
        watchOnly: this.parts.venue.watchOnly,
        status: this.view.status,
        since: this.view.since,
        connection: this.view.connection,
      },
      journal: { state: health.state, message: health.message, events: head?.seq ?? 0, head: head?.hash ?? null, path: this.journalPath },
      markets: this.marketList(),
      positions: positionViews(figures),
      account: accountView(figures),
      link: this.view.link,
      at: this.parts.clock.now(),
      anchor: { state: this.anchorer.status().state, line: this.anchorer.line() },
      openOrders: this.view
        .openOrderList(this.pipeline.outcomes)
        .filter((o) => !(o.state === 'UNKNOWN' && this.retried.has(o.clientId)))
        .map((o) => {
          const cancel = this.unresolvedCancels.get(o.clientId);
          return cancel === undefined ? o : { ...o, outcome: 'unresolved' as const, reason: cancel };
        }),
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
    this.closed = true;
    this.reconciler.stop();
    this.anchorer.stop();
    this.snapshotTimer?.();
    this.marketsRetry?.();
    for (const stop of this.stops) stop();
    await this.parts.venue.close();
    this.review.close();
    this.parts.journal.close();
    await this.parts.onClose?.();
  }

  /** Whether `at` is now enough for the live reference to stand for the price then. */
  private isLive(at: number): boolean {
    return Math.abs(this.parts.clock.now() - at) <= LIVE_REFERENCE_MS;
  }

  /**
   * The one door for venue facts (DESIGN §2.8): from the stream, or from a REST look-up handed
   * in by the reconciler. Journalled once by the recorder, then judged by the monitor.
   */
  private applyVenueEvent(event: VenueEvent): JournalEvent | null {
    const record = this.recorder.record(event);
    if (event.kind === 'connection') {
      if (event.state === 'up') this.coverage.up(event.at);
      else this.coverage.down(event.at);
    }
    if (event.kind === 'account') this.balance = event.account.totalCollateral;
    const wasDown = this.view.connection === 'disconnected';
    this.changeStatus(() => this.view.apply(event), event.at, event.kind);
    this.monitor.onVenueEvent(event, record);
    if (event.kind === 'price') this.emit('price', this.prices.record(event.price.market, event.at, { mark: event.price.markPrice }));
    if (event.kind === 'connection' && event.state === 'up' && wasDown) void this.reconciler.request('reconnect');
    return record;
  }

  /**
   * Applies a change to the venue view; when the inferred mode moves, journals it, keeps the
   * band tight after a reopening (DESIGN §7) and reconciles (DESIGN §9).
   */
  private changeStatus(change: () => boolean, at: number, cause: string): void {
    const before = this.view.status;
    if (change()) this.scheduleSnapshot();
    if (this.view.status === before) return;
    if (VENUE_CLOSED_MODES.has(before) && this.view.status === 'ok') this.reopenedAt = at;
    this.ports.append({ venue: this.parts.venue.venue, kind: 'VENUE_STATUS', payload: { status: this.view.status, previous: before, source: 'terminal', cause, at } }, { durable: true });
    if (this.view.status !== 'degraded') void this.reconciler.request(`status ${before} → ${this.view.status}`);
  }

  private afterCommand(command: 'order' | 'cancel', outcome: OrderOutcome): void {
    this.scheduleSnapshot();
    const clientId = outcome.clientId;
    if (command === 'cancel' && clientId) {
      if (outcome.outcome === 'unresolved') this.unresolvedCancels.set(clientId, outcome.reason ?? 'cancel did not go through');
      else this.unresolvedCancels.delete(clientId);
    }
    if (outcome.outcome === 'unresolved' && clientId) {
      const kind = command === 'order' ? 'ORDER_UNRESOLVED' : 'CANCEL_UNRESOLVED';
      const record = this.parts.journal.query({ kind, clientId, order: 'desc', limit: 1 }).events[0];
      if (record) this.monitor.onUnresolved(clientId, record.seq);
    }
    const mode = outcome.outcome === 'rejected' ? MODE_REJECTION.exec(outcome.reason?.split(':')[0] ?? '')?.[1] : undefined;
    if (mode) {
      const at = this.parts.clock.now();
      this.changeStatus(() => this.view.setVenueMode(mode.toLowerCase() as VenueMode, at), at, 'order rejected');
    }
  }

  private scheduleReconcile(): void {
    const cancel = this.parts.clock.setTimer(RECONCILE_EVERY_MS, () => {
      void this.reconciler.request('periodic');
      this.scheduleReconcile();
    });
    this.stops.push(cancel);
  }

  private startReference(markets: string[]): void {
    const poller = new ReferencePoller({ clock: this.parts.clock, feeds: this.parts.feeds, markets, intervalMs: this.parts.referencePollMs });
    this.stops.push(
      poller.subscribe((event) => {
        const source = event.kind === 'sample' ? event.sample : event.error;
        this.gate.deliver(`reference:${source.source}:${source.market}`, () => this.applyReferenceEvent(event));
      }),
    );
    this.stops.push(() => poller.stop());
    poller.start();
  }

  private applyReferenceEvent(event: ReferenceEvent): void {
    const record = this.referenceRecorder.record(event);
    if (event.kind !== 'sample') return;
    const { market, source, receivedAt } = event.sample;
    if (record) {
      const bySource = this.referenceSeqs.get(market) ?? new Map<string, number>();
      bySource.set(source, record.seq);
      this.referenceSeqs.set(market, bySource);
    }
    this.reference.add(event.sample);
    const price = this.reference.quote(market).price;
    this.emit('price', this.prices.record(market, receivedAt, { reference: price }));
    this.monitor.onReference(market, price, receivedAt);
  }
}
