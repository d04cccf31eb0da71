/**
 * The indexer look-ups behind the port (venue-apis.md §2.2–2.4). Lists are read item by item: an
 * item we cannot read is returned beside the others as malformed, never dropped.
 */
import Decimal from 'decimal.js';
import type {
  MalformedItem, OrderLookup, QueryError, QueryResult, VenueAccount, VenueBalance, VenueFill, VenueFunding, VenueMarket, VenueOrder,
  VenuePosition, VenuePrice,
} from '../port';
import type { FieldDrift } from '../common/drift';
import { describeIssues, type Parsed } from '../common/parsed';
import {
  oraclePrice, readAssetBalance, readFill, readFundingPayment, readOrder, readPerpetualMarket, readPosition, toVenueMarket, type DydxMarket,
} from './parse';
import type { DydxIndexer, IndexerAnswer } from './rest';
import {
  fillsAnswerSchema, fundingAnswerSchema, heightAnswerSchema, marketsAnswerSchema, positionsAnswerSchema, subaccountAnswerSchema,
  subaccountSchema,
} from './schemas';

export interface DydxScope {
  address: string;
  subaccountNumber: number;
  historyLimit: number;
  /** The client id of an order seen before, for fills (which name only the order id). */
  clientIdOf(orderId: string): string | null;
  /** Keeps each full order read, so later partial WebSocket frames about it can be completed. */
  remember(order: Record<string, unknown>): void;
}

type Listed<T> = { ok: true; value: T[]; raw: string[]; malformed: MalformedItem[]; drift?: FieldDrift[] } | { ok: false; error: QueryError };

export class DydxQueries {
  constructor(
    private readonly indexer: DydxIndexer,
    private readonly scope: DydxScope,
  ) {}

  /** Every perpetual market, read one by one. */
  async perpetualMarkets(): Promise<Listed<DydxMarket>> {
    const answer = await this.indexer.get('/perpetualMarkets');
    if (!answer.ok) return answer;
    const envelope = marketsAnswerSchema.safeParse(answer.json);
    if (!envelope.success) return malformed('/perpetualMarkets', describeIssues(envelope.error), answer.raw);
    return collect(Object.values(envelope.data.markets), readPerpetualMarket, answer.raw);
  }

  async markets(): Promise<QueryResult<VenueMarket[]>> {
    const markets = await this.perpetualMarkets();
    return markets.ok ? { ...markets, value: markets.value.map(toVenueMarket) } : markets;
  }

  async prices(): Promise<QueryResult<VenuePrice[]>> {
    const markets = await this.perpetualMarkets();
    if (!markets.ok) return markets;
    const priced = markets.value.filter((m) => m.oraclePrice !== null);
    return { ...markets, value: priced.map((m) => oraclePrice(m.ticker, m.oraclePrice as string)) };
  }

  async height(): Promise<QueryResult<number>> {
    const answer = await this.indexer.get('/height');
    if (!answer.ok) return answer;
    const parsed = heightAnswerSchema.safeParse(answer.json);
    if (!parsed.success) return malformed('/height', describeIssues(parsed.error), answer.raw);
    return { ok: true, value: parsed.data.height, raw: [answer.raw], malformed: [] };
  }

  /** The indexer filters by one status at a time; every status that can still trade is asked for. */
  async openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
    const statuses = ['OPEN', 'UNTRIGGERED', 'BEST_EFFORT_OPENED', 'BEST_EFFORT_CANCELED'];
    const answers = await Promise.all(statuses.map((status) => this.orders({ status, ticker: market })));
    const failed = answers.find((a) => !a.ok);
    if (failed && !failed.ok) return failed;
    const ok = answers as Array<Extract<Listed<VenueOrder>, { ok: true }>>;
    return { ok: true, value: ok.flatMap((a) => a.value), raw: ok.flatMap((a) => a.raw), malformed: ok.flatMap((a) => a.malformed) };
  }

  /** The indexer cannot filter by client id; the latest orders are searched. */
  async orderByClientId(clientId: string): Promise<QueryResult<OrderLookup>> {
    const orders = await this.orders({ limit: String(this.scope.historyLimit) });
    if (!orders.ok) return orders;
    const order = orders.value.find((o) => o.clientId === clientId);
    return { ...orders, value: order ? { found: true, order } : { found: false } };
  }

  async ordersHistory(query: { since: number; market?: string }): Promise<QueryResult<VenueOrder[]>> {
    const orders = await this.orders({ ticker: query.market, limit: String(this.scope.historyLimit) });
    if (!orders.ok) return orders;
    return { ...orders, value: orders.value.filter((o) => o.venueAt === null || o.venueAt >= query.since) };
  }

  async fills(query: { since: number; market?: string }): Promise<QueryResult<VenueFill[]>> {
    const answer = await this.indexer.get('/fills', {
      ...this.owner(), market: query.market, marketType: query.market ? 'PERPETUAL' : undefined, limit: String(this.scope.historyLimit),
    });
    if (!answer.ok) return answer;
    const envelope = fillsAnswerSchema.safeParse(answer.json);
    if (!envelope.success) return malformed('/fills', describeIssues(envelope.error), answer.raw);
    const fills = collect(envelope.data.fills, (item) => readFill(item, this.scope.clientIdOf), answer.raw);
    return { ...fills, value: fills.value.filter((f) => f.venueAt === null || f.venueAt >= query.since) };
  }

  /** `/fundingPayments` from `since`: what funding the indexer booked on the subaccount's positions. */
  async funding(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>> {
    const answer = await this.indexer.get('/fundingPayments', {
      ...this.owner(), ticker: query.market, afterOrAt: new Date(query.since).toISOString(), limit: String(this.scope.historyLimit),
    });
    if (!answer.ok) return answer;
    const envelope = fundingAnswerSchema.safeParse(answer.json);
    if (!envelope.success) return malformed('/fundingPayments', describeIssues(envelope.error), answer.raw);
    const payments = collect(envelope.data.fundingPayments, readFundingPayment, answer.raw);
    return { ...payments, value: payments.value.filter((p) => p.venueAt === null || p.venueAt >= query.since) };
  }

  /** The subaccount's asset positions (its USDC collateral). */
  async balances(): Promise<QueryResult<VenueBalance[]>> {
    const { address, subaccountNumber } = this.scope;
    const path = `/addresses/${encodeURIComponent(address)}/subaccountNumber/${subaccountNumber}`;
    const answer = await this.indexer.get(path);
    if (!answer.ok) return answer;
    const envelope = subaccountAnswerSchema.safeParse(answer.json);
    const sub = subaccountSchema.safeParse(envelope.success ? envelope.data.subaccount : answer.json);
    if (!sub.success) return malformed(path, `subaccount: ${describeIssues(sub.error)}`, answer.raw);
    return collect(Object.values(sub.data.assetPositions ?? {}), readAssetBalance, answer.raw);
  }

  async positions(): Promise<QueryResult<VenuePosition[]>> {
    const answer = await this.indexer.get('/perpetualPositions', { ...this.owner(), status: 'OPEN' });
    if (!answer.ok) return answer;
    const envelope = positionsAnswerSchema.safeParse(answer.json);
    if (!envelope.success) return malformed('/perpetualPositions', describeIssues(envelope.error), answer.raw);
    return collect(envelope.data.positions, readPosition, answer.raw);
  }

  /**
   * The subaccount and the markets together: maintenance margin is the venue's rule applied to
   * both. A position that cannot be read or priced leaves equity and free collateral read and the
   * maintenance figure unknown; the position is reported beside the account as malformed.
   */
  async account(): Promise<QueryResult<VenueAccount>> {
    const { address, subaccountNumber } = this.scope;
    const path = `/addresses/${encodeURIComponent(address)}/subaccountNumber/${subaccountNumber}`;
    const [answer, markets] = await Promise.all([this.indexer.get(path), this.perpetualMarkets()]);
    if (!answer.ok) return answer;
    if (!markets.ok) return markets;
    const account = readAccount(answer, new Map(markets.value.map((m) => [m.ticker, m])));
    if (!account.ok) return malformed(path, account.problem, answer.raw);
    const unpriced = account.value.problems.map((problem) => ({ raw: answer.raw, problem }));
    return { ok: true, value: account.value.account, raw: [answer.raw, ...markets.raw], malformed: [...markets.malformed, ...unpriced] };
  }

  private async orders(filter: Record<string, string | undefined>): Promise<Listed<VenueOrder>> {
    const answer = await this.indexer.get('/orders', { ...this.owner(), ...filter });
    if (!answer.ok) return answer;
    if (!Array.isArray(answer.json)) return malformed('/orders', 'expected an array of orders', answer.raw);
    for (const item of answer.json) if (typeof item === 'object' && item !== null) this.scope.remember(item as Record<string, unknown>);
    return collect(answer.json, readOrder, answer.raw);
  }

  private owner(): Record<string, string> {
    return { address: this.scope.address, subaccountNumber: String(this.scope.subaccountNumber) };
  }
}

/**
 * dYdX reports equity and free collateral. Initial margin is their difference (the venue's own
 * definition of free collateral); maintenance margin is Σ |size| × oracle × maintenance fraction,
 * and the account is liquidatable when equity falls to it. A position that cannot be read or
 * priced makes the maintenance figure unknown (null), never quietly smaller; `problems` says why.
 */
export function readAccount(
  answer: Extract<IndexerAnswer, { ok: true }>,
  markets: ReadonlyMap<string, DydxMarket>,
): Parsed<{ account: VenueAccount; problems: string[] }> {
  const envelope = subaccountAnswerSchema.safeParse(answer.json);
  const sub = subaccountSchema.safeParse(envelope.success ? envelope.data.subaccount : answer.json);
  if (!sub.success) return { ok: false, problem: `subaccount: ${describeIssues(sub.error)}` };
  const s = sub.data;
  const problems: string[] = [];
  let maintenance = new Decimal(0);
  for (const item of Object.values(s.openPerpetualPositions)) {
    const position = readPosition(item);
    const market = position.ok ? markets.get(position.value.market) : undefined;
    if (!position.ok) problems.push(position.problem);
    else if (!market?.oraclePrice) problems.push(`subaccount: no oracle price for ${position.value.market}`);
    else maintenance = maintenance.plus(new Decimal(position.value.size).abs().times(market.oraclePrice).times(market.maintenanceMarginFraction));
  }
  const known = problems.length === 0;
  const equity = new Decimal(s.equity);
  return {
    ok: true,
    venueAt: null,
    value: {
      problems,
      account: {
        account: `${s.address}/${s.subaccountNumber}`,
        accountValue: s.equity,
        totalCollateral: s.equity,
        freeCollateral: s.freeCollateral,
        initialMarginRequirement: equity.minus(s.freeCollateral).toString(),
        maintenanceMarginRequirement: known ? maintenance.toString() : null,
        marginCushion: known ? equity.minus(maintenance).toString() : null,
        status: known && maintenance.gt(0) && equity.lte(maintenance) ? 'LIQUIDATION' : 'ACTIVE',
        venueAt: null,
      },
    },
  };
}

function collect<T>(items: unknown[], read: (item: unknown) => Parsed<T>, raw: string): Extract<Listed<T>, { ok: true }> {
  const value: T[] = [];
  const bad: MalformedItem[] = [];
  const drift: FieldDrift[] = [];
  for (const item of items) {
    const parsed = read(item);
    drift.push(...(parsed.drift ?? []));
    if (parsed.ok) value.push(parsed.value);
    else bad.push({ raw: JSON.stringify(item), problem: parsed.problem });
  }
  return { ok: true, value, raw: [raw], malformed: bad, drift };
}

function malformed(path: string, problem: string, raw: string): { ok: false; error: QueryError } {
  return { ok: false, error: { kind: 'malformed', message: `${path}: ${problem}`, httpStatus: null, code: null, raw } };
}
