/**
 * The Paradex adapter: the WebSocket stream, the `/system/state` and chain-height pollers, order
 * entry and the reconciliation look-ups behind the VenueAdapter port.
 */
import { Listeners } from '../listeners';
import { Periodic } from '../periodic';
import { QueryReports } from '../query-reports';
import { StreamLink } from '../stream-link';
import type {
  CancelResult, OrderLookup, OrderRequest, PlaceResult, QueryResult, TradeBust, VenueAccount,
  VenueAdapter, VenueBalance, VenueEvent, VenueFill, VenueFunding, VenueListener, VenueMarket, VenueMode, VenueOrder, VenuePosition, VenuePrice,
} from '../port';
import { readChainHeight } from './chain-rpc';
import { PARADEX_CHANNELS, PARADEX_DEFAULTS, type ParadexConfig } from './config';
import { ParadexOrderEntry } from './order-entry';
import { ParadexQueries } from './queries';
import { ParadexRest } from './rest';
import { ParadexStreamGreeting } from './stream-greeting';

export class ParadexAdapter implements VenueAdapter {
  readonly venue = 'paradex';
  readonly watchOnly = false;
  private readonly listeners = new Listeners<VenueEvent>();
  private readonly reports: QueryReports;
  private readonly queries: ParadexQueries;
  private readonly orders: ParadexOrderEntry;
  private readonly ws: StreamLink;
  private readonly pollers: Periodic[] = [];
  private readonly timeoutMs: number;

  constructor(private readonly config: ParadexConfig) {
    const { clock, auth } = config;
    this.reports = new QueryReports(clock, (event) => this.listeners.emit(event));
    this.timeoutMs = config.requestTimeoutMs ?? PARADEX_DEFAULTS.requestTimeoutMs;
    const rest = new ParadexRest({ restUrl: config.restUrl, clock, timeoutMs: this.timeoutMs, auth });
    this.queries = new ParadexQueries(rest, {
      pageSize: config.pageSize ?? PARADEX_DEFAULTS.pageSize,
      maxPages: config.maxPages ?? PARADEX_DEFAULTS.maxPages,
    });
    this.orders = new ParadexOrderEntry(rest, auth);
    const markets = config.markets.length > 0 ? new Set(config.markets) : null;
    const stream = new ParadexStreamGreeting(PARADEX_CHANNELS, () => auth.getJwt(), markets, this.reports.drifts);
    this.ws = new StreamLink({
      url: config.wsUrl,
      clock,
      backoff: { ...PARADEX_DEFAULTS.backoff, ...config.backoff },
      handshakeTimeoutMs: this.timeoutMs,
      idleTimeoutMs: config.idleTimeoutMs === undefined ? PARADEX_DEFAULTS.idleTimeoutMs : config.idleTimeoutMs,
      greeting: () => stream.greeting(),
      read: (raw, at) => stream.read(raw, at),
      emit: (event) => this.listeners.emit(event),
    });
    const statusPollMs = config.statusPollMs === undefined ? PARADEX_DEFAULTS.statusPollMs : config.statusPollMs;
    if (statusPollMs !== null) this.pollers.push(new Periodic(clock, statusPollMs, () => this.pollStatus()));
    const chainPollMs = config.chainPollMs === undefined ? PARADEX_DEFAULTS.chainPollMs : config.chainPollMs;
    if (chainPollMs !== null && config.rpcUrl !== null) {
      this.pollers.push(new Periodic(clock, chainPollMs, () => this.pollChainHeight()));
    }
  }

  connect(): Promise<void> {
    for (const poller of this.pollers) poller.start();
    return this.ws.start();
  }

  async close(): Promise<void> {
    for (const poller of this.pollers) poller.stop();
    await this.ws.stop();
  }

  retryNow(): boolean {
    return this.ws.retryNow();
  }

  /** WebSocket frames read so far, for a replay that waits until every frame sent has arrived. */
  framesReceived(): number {
    return this.ws.framesReceived();
  }

  /** True while the stream's socket is open. */
  streaming(): boolean {
    return this.ws.isOpen();
  }

  subscribe(listener: VenueListener): () => void {
    return this.listeners.add(listener);
  }

  placeOrder(request: OrderRequest): Promise<PlaceResult> {
    return this.orders.place(request);
  }

  cancelOrder(clientId: string, market?: string): Promise<CancelResult> {
    return this.orders.cancel(clientId, market);
  }

  cancelAll(market?: string): Promise<CancelResult> {
    return this.orders.cancelAll(market);
  }

  markets(): Promise<QueryResult<VenueMarket[]>> {
    return this.reports.reported(this.queries.markets());
  }

  prices(): Promise<QueryResult<VenuePrice[]>> {
    return this.reports.reported(this.queries.prices());
  }

  openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
    return this.reports.reported(this.queries.openOrders(market));
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

  tradeBusts(): Promise<QueryResult<TradeBust[]>> {
    return this.reports.reported(this.queries.tradeBusts());
  }

  funding(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>> {
    return this.reports.reported(this.queries.funding(query));
  }

  balances(): Promise<QueryResult<VenueBalance[]>> {
    return this.reports.reported(this.queries.balances());
  }

  positions(): Promise<QueryResult<VenuePosition[]>> {
    return this.reports.reported(this.queries.positions());
  }

  account(): Promise<QueryResult<VenueAccount>> {
    return this.reports.reported(this.queries.account());
  }

  systemState(): Promise<QueryResult<VenueMode>> {
    return this.reports.reported(this.queries.systemState(), 'system_state');
  }

  chainHeight(): Promise<QueryResult<number>> {
    const { rpcUrl, clock } = this.config;
    if (rpcUrl === null) {
      const error = { kind: 'transport' as const, message: 'no Starknet RPC URL configured', httpStatus: null, code: null, raw: null };
      return Promise.resolve({ ok: false, error });
    }
    return this.reports.reported(readChainHeight(clock, rpcUrl, this.timeoutMs), 'chain_height');
  }

  private async pollStatus(): Promise<void> {
    const result = await this.systemState();
    this.reports.sample(result, 'system_state', (status) => [{ kind: 'status', status }]);
  }

  private async pollChainHeight(): Promise<void> {
    const result = await this.chainHeight();
    this.reports.sample(result, 'chain_height', (height) => [{ kind: 'chain_height', height }]);
  }
}
