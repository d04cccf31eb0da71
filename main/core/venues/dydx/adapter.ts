/**
 * The dYdX v4 watch adapter: reads a subaccount by address through the indexer (no credentials
 * exist for that), streams `v4_markets`, `v4_subaccounts` and `v4_block_height`, and polls the
 * height, market status and equity beside the stream. It places nothing: dYdX orders are
 * Cosmos transactions signed by the wallet, which this terminal does not hold.
 */
import { Listeners } from '../listeners';
import { Periodic } from '../periodic';
import type {
  CancelResult, MessageSource, OrderLookup, PlaceResult, QueryResult, TradeBust, Unresolved, VenueAccount, VenueAdapter,
  VenueEvent, VenueFill, VenueListener, VenueMarket, VenueMode, VenueOrder, VenuePosition, VenuePrice,
} from '../port';
import { StreamLink } from '../stream-link';
import { DYDX_DEFAULTS, type DydxConfig } from './config';
import { DydxQueries } from './queries';
import { DydxIndexer } from './rest';
import type { MarketStatus } from './schemas';
import { DydxStream, dydxGreeting } from './stream';

/**
 * The port has no "never sent" outcome. `unresolved` with no request is its reading of "no byte
 * reached the venue" (the order pipeline then journals no ORDER_SENT); `rejected` would need a
 * request that never existed and would claim the venue said no.
 */
export function watchOnly(venue: string): Unresolved {
  return { outcome: 'unresolved', reason: `not sent: the ${venue} adapter is watch-only; nothing reached the venue`, httpStatus: null, raw: null, request: null };
}

export class DydxAdapter implements VenueAdapter {
  readonly venue = 'dydx';
  readonly watchOnly = true;
  private readonly listeners = new Listeners<VenueEvent>();
  private readonly queries: DydxQueries;
  private readonly indexer: DydxIndexer;
  private readonly stream: DydxStream;
  private readonly link: StreamLink;
  private readonly pollers: Periodic[] = [];

  constructor(private readonly config: DydxConfig) {
    const { clock } = config;
    const timeoutMs = config.requestTimeoutMs ?? DYDX_DEFAULTS.requestTimeoutMs;
    this.indexer = new DydxIndexer({ restUrl: config.restUrl, clock, timeoutMs });
    const emit = (event: VenueEvent) => this.listeners.emit(event);
    this.stream = new DydxStream({ markets: config.markets, fetchOrder: (id) => this.fetchOrder(id), emit });
    this.queries = new DydxQueries(this.indexer, {
      address: config.address,
      subaccountNumber: config.subaccountNumber,
      historyLimit: config.historyLimit ?? DYDX_DEFAULTS.historyLimit,
      clientIdOf: this.stream.clientIdOf,
      remember: (order) => this.stream.remember(order),
    });
    this.link = new StreamLink({
      url: config.wsUrl,
      clock,
      backoff: { ...DYDX_DEFAULTS.backoff, ...config.backoff },
      handshakeTimeoutMs: timeoutMs,
      idleTimeoutMs: config.idleTimeoutMs === undefined ? DYDX_DEFAULTS.idleTimeoutMs : config.idleTimeoutMs,
      greeting: () => ({ ok: true, stages: [dydxGreeting(config.address, config.subaccountNumber)] }),
      read: (raw, at) => this.stream.read(raw, at),
      emit,
    });
    const every = (ms: number | null | undefined, fallback: number, task: () => Promise<void>) => {
      const period = ms === undefined ? fallback : ms;
      if (period !== null) this.pollers.push(new Periodic(clock, period, task));
    };
    every(config.heightPollMs, DYDX_DEFAULTS.heightPollMs, () => this.pollHeight());
    every(config.statusPollMs, DYDX_DEFAULTS.statusPollMs, () => this.pollStatus());
    every(config.accountPollMs, DYDX_DEFAULTS.accountPollMs, () => this.pollAccount());
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
    return this.reported(this.queries.openOrders(market));
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

  /** dYdX settles every fill in the block that matched it: there are no trade busts to read. */
  tradeBusts(): Promise<QueryResult<TradeBust[]>> {
    return Promise.resolve({ ok: true, value: [], raw: [], malformed: [] });
  }

  positions(): Promise<QueryResult<VenuePosition[]>> {
    return this.reported(this.queries.positions());
  }

  account(): Promise<QueryResult<VenueAccount>> {
    return this.reported(this.queries.account());
  }

  /** The most restrictive status among the watched markets (see ./mode). */
  systemState(): Promise<QueryResult<VenueMode>> {
    return this.reported(this.readMode(), 'system_state');
  }

  /** Each market's own status, for display beside the folded venue mode. */
  marketStatuses(): Promise<QueryResult<Array<{ ticker: string; status: MarketStatus }>>> {
    return this.reported(this.readStatuses(), 'system_state');
  }

  chainHeight(): Promise<QueryResult<number>> {
    return this.reported(this.queries.height(), 'chain_height');
  }

  private async readStatuses(): Promise<QueryResult<Array<{ ticker: string; status: MarketStatus }>>> {
    const markets = await this.queries.perpetualMarkets();
    return markets.ok ? { ...markets, value: markets.value.map(({ ticker, status }) => ({ ticker, status })) } : markets;
  }

  private async readMode(): Promise<QueryResult<VenueMode>> {
    const statuses = await this.readStatuses();
    if (!statuses.ok) return statuses;
    const mode = this.stream.noteStatuses(statuses.value);
    if (mode !== null) return { ...statuses, value: mode };
    const message = `none of the watched markets (${this.config.markets.join(', ') || 'all'}) is listed as trading`;
    return { ok: false, error: { kind: 'malformed', message, httpStatus: null, code: null, raw: statuses.raw[0] ?? null } };
  }

  private async fetchOrder(id: string): Promise<{ ok: true; order: Record<string, unknown> } | { ok: false; reason: string }> {
    const answer = await this.indexer.get(`/orders/${encodeURIComponent(id)}`);
    if (!answer.ok) return { ok: false, reason: answer.error.message };
    if (typeof answer.json !== 'object' || answer.json === null) return { ok: false, reason: 'the indexer answered no order object' };
    return { ok: true, order: answer.json as Record<string, unknown> };
  }

  private async pollHeight(): Promise<void> {
    const result = await this.chainHeight();
    this.emitSample(result, 'chain_height', (height) => ({ kind: 'chain_height', height }));
  }

  private async pollStatus(): Promise<void> {
    const result = await this.systemState();
    this.emitSample(result, 'system_state', (status) => ({ kind: 'status', status }));
  }

  private async pollAccount(): Promise<void> {
    const result = await this.account();
    this.emitSample(result, 'rest', (account) => ({ kind: 'account', account }));
  }

  /** Each poll leaves a trace: the sample, or why there is none (malformed answers are reported by `reported`). */
  private emitSample<T>(result: QueryResult<T>, source: MessageSource, toEvent: (value: T) => Record<string, unknown>): void {
    const at = this.config.clock.now();
    if (result.ok) {
      this.listeners.emit({ ...toEvent(result.value), at, venueAt: null, raw: result.raw.join('\n') } as VenueEvent);
    } else if (result.error.kind !== 'malformed') {
      const { message, raw } = result.error;
      this.listeners.emit({ kind: 'venue_error', source, reason: message, at, venueAt: null, raw });
    }
  }

  /** Anything unreadable in an answer goes on the event stream too, so the journal keeps it. */
  private async reported<T>(pending: Promise<QueryResult<T>>, source: MessageSource = 'rest'): Promise<QueryResult<T>> {
    const result = await pending;
    const at = this.config.clock.now();
    const bad = result.ok
      ? result.malformed
      : result.error.kind === 'malformed'
        ? [{ raw: result.error.raw ?? '', problem: result.error.message }]
        : [];
    for (const item of bad) this.listeners.emit({ kind: 'malformed', source, problem: item.problem, at, venueAt: null, raw: item.raw });
    return result;
  }
}
