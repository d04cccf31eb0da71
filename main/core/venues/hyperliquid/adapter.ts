/**
 * The Hyperliquid watch adapter: reads an address through `POST /info`, streams `userEvents`,
 * `orderUpdates`, `userFills` and `activeAssetCtx`, and polls `exchangeStatus` and
 * `clearinghouseState` beside the stream. It places nothing: Hyperliquid actions are signed by
 * the wallet, which this terminal does not hold.
 */
import { watchOnly } from '../dydx/adapter';
import { Listeners } from '../listeners';
import { Periodic } from '../periodic';
import type {
  CancelResult, MessageSource, OrderLookup, PlaceResult, QueryResult, TradeBust, VenueAccount, VenueAdapter, VenueEvent,
  VenueFill, VenueListener, VenueMarket, VenueMode, VenueOrder, VenuePosition, VenuePrice,
} from '../port';
import { StreamLink } from '../stream-link';
import { HYPERLIQUID_DEFAULTS, type HyperliquidConfig } from './config';
import { HyperliquidInfo } from './info';
import { isPostOnlyNotice } from './parse';
import { HyperliquidQueries } from './queries';
import { hyperliquidGreeting, HyperliquidStream, PING } from './stream';

export class HyperliquidAdapter implements VenueAdapter {
  readonly venue = 'hyperliquid';
  readonly watchOnly = true;
  private readonly listeners = new Listeners<VenueEvent>();
  private readonly queries: HyperliquidQueries;
  private readonly stream: HyperliquidStream;
  private readonly link: StreamLink;
  private readonly pollers: Periodic[] = [];

  constructor(private readonly config: HyperliquidConfig) {
    const { clock } = config;
    const timeoutMs = config.requestTimeoutMs ?? HYPERLIQUID_DEFAULTS.requestTimeoutMs;
    const info = new HyperliquidInfo({ apiUrl: config.apiUrl, clock, timeoutMs });
    const emit = (event: VenueEvent) => this.listeners.emit(event);
    this.stream = new HyperliquidStream({
      user: config.user,
      markets: config.markets,
      orderStatus: (oid) => this.reported(this.queries.orderStatus(oid)),
      clearinghouse: (liquidatedHere) => this.reported(this.queries.clearinghouse(liquidatedHere)),
      emit,
    });
    this.queries = new HyperliquidQueries(info, config.user, this.stream.known);
    this.link = new StreamLink({
      url: config.wsUrl,
      clock,
      backoff: { ...HYPERLIQUID_DEFAULTS.backoff, ...config.backoff },
      handshakeTimeoutMs: timeoutMs,
      idleTimeoutMs: config.idleTimeoutMs === undefined ? HYPERLIQUID_DEFAULTS.idleTimeoutMs : config.idleTimeoutMs,
      greeting: () => ({ ok: true, stages: [hyperliquidGreeting(config.user, config.markets)] }),
      keepalive: { everyMs: config.pingEveryMs ?? HYPERLIQUID_DEFAULTS.pingEveryMs, frame: PING },
      read: (raw, at) => this.stream.read(raw, at),
      emit,
    });
    const every = (ms: number | null | undefined, fallback: number, task: () => Promise<void>) => {
      const period = ms === undefined ? fallback : ms;
      if (period !== null) this.pollers.push(new Periodic(clock, period, task));
    };
    every(config.statusPollMs, HYPERLIQUID_DEFAULTS.statusPollMs, () => this.pollStatus());
    every(config.accountPollMs, HYPERLIQUID_DEFAULTS.accountPollMs, () => this.pollAccount());
  }

  connect(): Promise<void> {
    for (const poller of this.pollers) poller.start();
    return this.link.start();
  }

  async close(): Promise<void> {
    for (const poller of this.pollers) poller.stop();
    await this.link.stop();
  }

  subscribe(listener: VenueListener): () => void {
    return this.listeners.add(listener);
  }

  placeOrder(): Promise<PlaceResult> {
    return Promise.resolve(watchOnly(this.venue));
  }

  cancelOrder(): Promise<CancelResult> {
    return Promise.resolve(watchOnly(this.venue));
  }

  cancelAll(): Promise<CancelResult> {
    return Promise.resolve(watchOnly(this.venue));
  }

  markets(): Promise<QueryResult<VenueMarket[]>> {
    return this.reported(this.queries.markets());
  }

  prices(): Promise<QueryResult<VenuePrice[]>> {
    return this.reported(this.queries.prices());
  }

  async openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
    const result = await this.reported(this.queries.openOrders(market));
    if (result.ok) for (const order of result.value) this.stream.remember(order);
    return result;
  }

  orderByClientId(clientId: string): Promise<QueryResult<OrderLookup>> {
    return this.reported(this.queries.orderByClientId(clientId));
  }

  ordersHistory(query: { since: number; market?: string }): Promise<QueryResult<VenueOrder[]>> {
    return this.reported(this.queries.ordersHistory(query));
  }

  fills(query: { since: number; market?: string }): Promise<QueryResult<VenueFill[]>> {
    return this.reported(this.queries.fills(query));
  }

  /** HyperBFT finalises each block once: there are no trade busts to read. */
  tradeBusts(): Promise<QueryResult<TradeBust[]>> {
    return Promise.resolve({ ok: true, value: [], raw: [], malformed: [] });
  }

  async positions(): Promise<QueryResult<VenuePosition[]>> {
    const state = await this.reported(this.queries.clearinghouse());
    if (!state.ok) return state;
    const positions = state.value.positions;
    const value = positions.flatMap((p) => (p.ok ? [p.value] : []));
    const malformed = positions.flatMap((p) => (p.ok ? [] : [{ raw: state.raw[0], problem: p.problem }]));
    this.reportMalformed(malformed, 'rest');
    return { ok: true, value, raw: state.raw, malformed };
  }

  async account(): Promise<QueryResult<VenueAccount>> {
    const state = await this.reported(this.queries.clearinghouse());
    return state.ok ? { ...state, value: state.value.account } : state;
  }

  systemState(): Promise<QueryResult<VenueMode>> {
    return this.reported(this.queries.exchangeStatus(), 'system_state');
  }

  private async pollStatus(): Promise<void> {
    const result = await this.systemState();
    this.emitSample(result, 'system_state', (status) => [{ kind: 'status', status }]);
  }

  private async pollAccount(): Promise<void> {
    const result = await this.reported(this.queries.clearinghouse());
    this.emitSample(result, 'rest', ({ account, positions }) => [
      { kind: 'account', account },
      ...positions.flatMap((p) => (p.ok ? [{ kind: 'position', position: p.value }] : [])),
    ]);
    if (result.ok) this.reportMalformed(result.value.positions.flatMap((p) => (p.ok ? [] : [{ raw: result.raw[0], problem: p.problem }])), 'rest');
  }

  /**
   * Each poll leaves a trace: the samples, or why there are none. An error naming the
   * post-only-after-upgrade window is also the venue telling its mode.
   */
  private emitSample<T>(result: QueryResult<T>, source: MessageSource, toEvents: (value: T) => Array<Record<string, unknown>>): void {
    const at = this.config.clock.now();
    if (result.ok) {
      for (const event of toEvents(result.value)) this.listeners.emit({ ...event, at, venueAt: null, raw: result.raw[0] } as VenueEvent);
      return;
    }
    if (result.error.kind === 'malformed') return;
    const { message, raw } = result.error;
    this.listeners.emit({ kind: 'venue_error', source, reason: message, at, venueAt: null, raw });
    if (raw !== null && isPostOnlyNotice(raw)) this.listeners.emit({ kind: 'status', status: 'post_only', at, venueAt: null, raw });
  }

  private reportMalformed(items: Array<{ raw: string; problem: string }>, source: MessageSource): void {
    const at = this.config.clock.now();
    for (const item of items) this.listeners.emit({ kind: 'malformed', source, problem: item.problem, at, venueAt: null, raw: item.raw });
  }

  /** Anything unreadable in an answer goes on the event stream too, so the journal keeps it. */
  private async reported<T>(pending: Promise<QueryResult<T>>, source: MessageSource = 'rest'): Promise<QueryResult<T>> {
    const result = await pending;
    const bad = result.ok
      ? result.malformed
      : result.error.kind === 'malformed'
        ? [{ raw: result.error.raw ?? '', problem: result.error.message }]
        : [];
    this.reportMalformed(bad, source);
    return result;
  }
}
