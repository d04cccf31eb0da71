/**
 * The Hyperliquid watch adapter: reads an address through `POST /info`, streams `userEvents`,
 * `orderUpdates`, `userFills` and `activeAssetCtx`, and polls `exchangeStatus` and
 * `clearinghouseState` beside the stream. It places nothing: Hyperliquid actions are signed by
 * the wallet, which this terminal does not hold.
 */
import type {
  MessageSource, OrderLookup, QueryResult, TradeBust, VenueAccount, VenueAdapter, VenueBalance, VenueEvent, VenueFill, VenueFunding, VenueMarket, VenueMode, VenueOrder,
  VenuePosition, VenuePrice,
} from '../port';
import type { SampleBody } from '../query-reports';
import { StreamLink } from '../stream-link';
import { WatchAdapter } from '../watch-adapter';
import { HYPERLIQUID_DEFAULTS, type HyperliquidConfig } from './config';
import { HyperliquidInfo } from './info';
import { isPostOnlyNotice } from './parse';
import { HyperliquidQueries } from './queries';
import { hyperliquidGreeting, HyperliquidStream, PING } from './stream';

export class HyperliquidAdapter extends WatchAdapter implements VenueAdapter {
  readonly venue = 'hyperliquid';
  protected readonly link: StreamLink;
  private readonly queries: HyperliquidQueries;
  private readonly stream: HyperliquidStream;

  constructor(config: HyperliquidConfig) {
    super(config.clock);
    const { clock } = config;
    const timeoutMs = config.requestTimeoutMs ?? HYPERLIQUID_DEFAULTS.requestTimeoutMs;
    const info = new HyperliquidInfo({ apiUrl: config.apiUrl, clock, timeoutMs });
    const emit = (event: VenueEvent) => this.listeners.emit(event);
    this.stream = new HyperliquidStream({
      user: config.user,
      markets: config.markets,
      orderStatus: (oid) => this.reports.reported(this.queries.orderStatus(oid)),
      clearinghouse: (liquidatedHere) => this.reports.reported(this.queries.clearinghouse(liquidatedHere)),
      emit,
      drifts: this.reports.drifts,
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
    this.poll(config.statusPollMs, HYPERLIQUID_DEFAULTS.statusPollMs, () => this.pollStatus());
    this.poll(config.accountPollMs, HYPERLIQUID_DEFAULTS.accountPollMs, () => this.pollAccount());
  }

  markets(): Promise<QueryResult<VenueMarket[]>> {
    return this.reports.reported(this.queries.markets());
  }

  prices(): Promise<QueryResult<VenuePrice[]>> {
    return this.reports.reported(this.queries.prices());
  }

  async openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
    const result = await this.reports.reported(this.queries.openOrders(market));
    if (result.ok) for (const order of result.value) this.stream.remember(order);
    return result;
  }

  orderByClientId(clientId: string): Promise<QueryResult<OrderLookup>> {
    return this.reports.reported(this.queries.orderByClientId(clientId));
  }

  ordersHistory(query: { since: number; market?: string }): Promise<QueryResult<VenueOrder[]>> {
    return this.reports.reported(this.queries.ordersHistory(query));
  }

  fills(query: { since: number; market?: string }): Promise<QueryResult<VenueFill[]>> {
    return this.reports.reported(this.queries.fills(query));
  }

  funding(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>> {
    return this.reports.reported(this.queries.funding(query));
  }

  balances(): Promise<QueryResult<VenueBalance[]>> {
    return this.reports.reported(this.queries.balances());
  }

  /** HyperBFT finalises each block once: there are no trade busts to read. */
  tradeBusts(): Promise<QueryResult<TradeBust[]>> {
    return Promise.resolve({ ok: true, value: [], raw: [], malformed: [] });
  }

  async positions(): Promise<QueryResult<VenuePosition[]>> {
    const state = await this.reports.reported(this.queries.clearinghouse());
    if (!state.ok) return state;
    const positions = state.value.positions;
    const value = positions.flatMap((p) => (p.ok ? [p.value] : []));
    const malformed = positions.flatMap((p) => (p.ok ? [] : [{ raw: state.raw[0], problem: p.problem }]));
    this.reports.malformed(malformed, 'rest');
    return { ok: true, value, raw: state.raw, malformed };
  }

  async account(): Promise<QueryResult<VenueAccount>> {
    const state = await this.reports.reported(this.queries.clearinghouse());
    return state.ok ? { ...state, value: state.value.account } : state;
  }

  systemState(): Promise<QueryResult<VenueMode>> {
    return this.reports.reported(this.queries.exchangeStatus(), 'system_state');
  }

  private async pollStatus(): Promise<void> {
    const result = await this.systemState();
    this.noteSample(result, 'system_state', (status) => [{ kind: 'status', status }]);
  }

  private async pollAccount(): Promise<void> {
    const result = await this.reports.reported(this.queries.clearinghouse());
    this.noteSample(result, 'rest', ({ account, positions }) => [
      { kind: 'account', account },
      ...positions.flatMap((p) => (p.ok ? [{ kind: 'position' as const, position: p.value }] : [])),
    ]);
    if (result.ok) this.reports.malformed(result.value.positions.flatMap((p) => (p.ok ? [] : [{ raw: result.raw[0], problem: p.problem }])), 'rest');
  }

  /** A poll's samples; an error naming the post-only-after-upgrade window is also the venue telling its mode. */
  private noteSample<T>(result: QueryResult<T>, source: MessageSource, toEvents: (value: T) => SampleBody[]): void {
    const error = this.reports.sample(result, source, toEvents);
    if (error?.raw != null && isPostOnlyNotice(error.raw)) {
      this.listeners.emit({ kind: 'status', status: 'post_only', at: this.clock.now(), venueAt: null, raw: error.raw });
    }
  }
}
