/**
 * The dYdX v4 watch adapter: reads a subaccount by address through the indexer (no credentials
 * exist for that), streams `v4_markets`, `v4_subaccounts` and `v4_block_height`, and polls the
 * height, market status and equity beside the stream. It places nothing: dYdX orders are
 * Cosmos transactions signed by the wallet, which this terminal does not hold.
 */
import type {
  OrderLookup, QueryResult, TradeBust, VenueAccount, VenueAdapter, VenueBalance, VenueEvent, VenueFill, VenueFunding, VenueMarket, VenueMode, VenueOrder, VenuePosition, VenuePrice,
} from '../port';
import { StreamLink } from '../stream-link';
import { WatchAdapter } from '../watch-adapter';
import { DYDX_DEFAULTS, type DydxConfig } from './config';
import { DydxQueries } from './queries';
import { DydxIndexer } from './rest';
import type { MarketStatus } from './schemas';
import { DydxStream, dydxGreeting } from './stream';

export class DydxAdapter extends WatchAdapter implements VenueAdapter {
  readonly venue = 'dydx';
  protected readonly link: StreamLink;
  private readonly queries: DydxQueries;
  private readonly indexer: DydxIndexer;
  private readonly stream: DydxStream;

  constructor(private readonly config: DydxConfig) {
    super(config.clock);
    const { clock } = config;
    const timeoutMs = config.requestTimeoutMs ?? DYDX_DEFAULTS.requestTimeoutMs;
    this.indexer = new DydxIndexer({ restUrl: config.restUrl, clock, timeoutMs });
    const emit = (event: VenueEvent) => this.listeners.emit(event);
    this.stream = new DydxStream({ markets: config.markets, fetchOrder: (id) => this.fetchOrder(id), emit, drifts: this.reports.drifts });
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
    this.poll(config.heightPollMs, DYDX_DEFAULTS.heightPollMs, () => this.pollHeight());
    this.poll(config.statusPollMs, DYDX_DEFAULTS.statusPollMs, () => this.pollStatus());
    this.poll(config.accountPollMs, DYDX_DEFAULTS.accountPollMs, () => this.pollAccount());
  }

  markets(): Promise<QueryResult<VenueMarket[]>> {
    return this.reports.reported(this.queries.markets());
  }

  prices(): Promise<QueryResult<VenuePrice[]>> {
    return this.reports.reported(this.queries.prices());
  }

  async openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
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

  funding(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>> {
    return this.reports.reported(this.queries.funding(query));
  }

  balances(): Promise<QueryResult<VenueBalance[]>> {
    return this.reports.reported(this.queries.balances());
  }

  /** dYdX settles every fill in the block that matched it: there are no trade busts to read. */
  tradeBusts(): Promise<QueryResult<TradeBust[]>> {
    return Promise.resolve({ ok: true, value: [], raw: [], malformed: [] });
  }

  positions(): Promise<QueryResult<VenuePosition[]>> {
    return this.reports.reported(this.queries.positions());
  }

  account(): Promise<QueryResult<VenueAccount>> {
    return this.reports.reported(this.queries.account());
  }

  /** The most restrictive status among the watched markets (see ./mode). */
  systemState(): Promise<QueryResult<VenueMode>> {
    return this.reports.reported(this.readMode(), 'system_state');
  }

  /** Each market's own status, for display beside the folded venue mode. */
  marketStatuses(): Promise<QueryResult<Array<{ ticker: string; status: MarketStatus }>>> {
    return this.reports.reported(this.readStatuses(), 'system_state');
  }

  chainHeight(): Promise<QueryResult<number>> {
    return this.reports.reported(this.queries.height(), 'chain_height');
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
    this.reports.sample(result, 'chain_height', (height) => [{ kind: 'chain_height', height }]);
  }

  private async pollStatus(): Promise<void> {
    const result = await this.systemState();
    this.reports.sample(result, 'system_state', (status) => [{ kind: 'status', status }]);
  }

  private async pollAccount(): Promise<void> {
    const result = await this.account();
    this.reports.sample(result, 'rest', (account) => [{ kind: 'account', account }]);
  }
}
