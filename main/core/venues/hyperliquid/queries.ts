/**
 * The info look-ups behind the port. Lists are read item by item: an item we cannot read is
 * returned beside the others as malformed, never dropped.
 */
import type { FieldDrift } from '../common/drift';
import type {
  MalformedItem, OrderLookup, QueryError, QueryResult, VenueBalance, VenueFill, VenueFunding, VenueMarket, VenueMode, VenueOrder, VenuePrice,
} from '../port';
import type { Parsed } from '../common/parsed';
import { describeIssues } from '../common/parsed';
import type { HyperliquidInfo } from './info';
import {
  readAssetCtx, readClearinghouse, readFill, readFrontendOrder, readFunding, readMarket, readOrderWithStatus, readSpotBalance, type Clearinghouse,
} from './parse';
import { exchangeStatusSchema, metaAndAssetCtxsSchema, spotStateSchema, universeItemSchema } from './schemas';

type Ok<T> = Extract<QueryResult<T>, { ok: true }>;

export class HyperliquidQueries {
  constructor(
    private readonly info: HyperliquidInfo,
    private readonly user: string,
    private readonly known: (oid: string) => VenueOrder | undefined,
  ) {}

  /**
   * `specialStatuses` is undocumented (venue-apis.md §3.5): null is read as ok; anything else as
   * the mode its words name, and as maintenance when they name none — the trader sees that the
   * venue flags something, and the journal keeps the answer verbatim.
   */
  async exchangeStatus(): Promise<QueryResult<VenueMode>> {
    const answer = await this.info.post({ type: 'exchangeStatus' });
    if (!answer.ok) return answer;
    const parsed = exchangeStatusSchema.safeParse(answer.json);
    if (!parsed.success) return malformed('exchangeStatus', describeIssues(parsed.error), answer.raw);
    const special = parsed.data.specialStatuses;
    if (special === null || special === undefined) return ok('ok', answer.raw);
    const words = JSON.stringify(special).toLowerCase();
    return ok(words.includes('post') ? 'post_only' : words.includes('cancel') ? 'cancel_only' : 'maintenance', answer.raw);
  }

  async markets(): Promise<QueryResult<VenueMarket[]>> {
    const answer = await this.metaAndCtxs();
    if (!answer.ok) return answer;
    return collect(answer.value.universe, (item) => {
      const market = readMarket(item);
      return market.ok ? { ...market, value: { symbol: market.value.symbol, tickSize: market.value.tickSize, stepSize: market.value.stepSize, minNotional: null } } : market;
    }, answer.raw[0]);
  }

  /** Each asset ctx sits at its universe index; a delisted asset has no live price. */
  async prices(): Promise<QueryResult<VenuePrice[]>> {
    const answer = await this.metaAndCtxs();
    if (!answer.ok) return answer;
    const { universe, ctxs } = answer.value;
    const items = universe.map((item, index) => ({ item, ctx: ctxs[index] }));
    const prices = collect(items, ({ item, ctx }) => {
      const meta = universeItemSchema.safeParse(item);
      if (!meta.success) return { ok: false, problem: `universe: ${describeIssues(meta.error)}` };
      return readAssetCtx(meta.data.name, ctx);
    }, answer.raw[0]);
    const delisted = new Set(universe.map((item) => universeItemSchema.safeParse(item)).filter((m) => m.success && m.data.isDelisted).map((m) => m.data!.name));
    return { ...prices, value: prices.value.filter((p) => !delisted.has(p.market)) };
  }

  async openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
    const answer = await this.list('frontendOpenOrders', readFrontendOrder);
    return answer.ok && market ? { ...answer, value: answer.value.filter((o) => o.market === market) } : answer;
  }

  /** A 16-byte cloid can be asked for directly; any other id is searched in the order history. */
  async orderByClientId(clientId: string): Promise<QueryResult<OrderLookup>> {
    if (/^0x[0-9a-fA-F]{32}$/.test(clientId)) {
      const answer = await this.orderStatus(clientId);
      if (!answer.ok) return answer;
      return { ...answer, value: answer.value ? { found: true, order: answer.value } : { found: false } };
    }
    const history = await this.list('historicalOrders', (item) => readOrderWithStatus(item, this.known));
    if (!history.ok) return history;
    const order = history.value.find((o) => o.clientId === clientId);
    return { ...history, value: order ? { found: true, order } : { found: false } };
  }

  /** `orderStatus` by oid or cloid: null when the venue does not know it. */
  async orderStatus(oid: number | string): Promise<QueryResult<VenueOrder | null>> {
    const answer = await this.info.post({ type: 'orderStatus', user: this.user, oid });
    if (!answer.ok) return answer;
    const value = answer.json as { status?: unknown; order?: unknown } | null;
    if (value?.status === 'unknownOid') return ok(null, answer.raw);
    if (value?.status !== 'order') return malformed('orderStatus', 'neither an order nor unknownOid', answer.raw);
    const order = readOrderWithStatus(value.order, this.known);
    return order.ok ? ok(order.value, answer.raw) : malformed('orderStatus', order.problem, answer.raw);
  }

  async ordersHistory(query: { since: number; market?: string }): Promise<QueryResult<VenueOrder[]>> {
    const history = await this.list('historicalOrders', (item) => readOrderWithStatus(item, this.known));
    if (!history.ok) return history;
    return { ...history, value: history.value.filter((o) => (o.venueAt ?? 0) >= query.since && (!query.market || o.market === query.market)) };
  }

  /** `userFills` holds the 2000 most recent fills; older ones are out of a watch adapter's reach. */
  async fills(query: { since: number; market?: string }): Promise<QueryResult<VenueFill[]>> {
    const fills = await this.list('userFills', (item) => readFill(item, this.user));
    if (!fills.ok) return fills;
    return { ...fills, value: fills.value.filter((f) => (f.venueAt ?? 0) >= query.since && (!query.market || f.market === query.market)) };
  }

  /** `userFunding` from `since`: the payments booked on the address's positions. */
  async funding(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>> {
    const answer = await this.info.post({ type: 'userFunding', user: this.user, startTime: query.since });
    if (!answer.ok) return answer;
    if (!Array.isArray(answer.json)) return malformed('userFunding', 'expected an array', answer.raw);
    const payments = collect(answer.json, readFunding, answer.raw);
    return { ...payments, value: payments.value.filter((f) => !query.market || f.market === query.market) };
  }

  /** The spot account's tokens (`spotClearinghouseState`); the perp account's margin is `clearinghouse()`. */
  async balances(): Promise<QueryResult<VenueBalance[]>> {
    const answer = await this.info.post({ type: 'spotClearinghouseState', user: this.user });
    if (!answer.ok) return answer;
    const state = spotStateSchema.safeParse(answer.json);
    if (!state.success) return malformed('spotClearinghouseState', describeIssues(state.error), answer.raw);
    return collect(state.data.balances, readSpotBalance, answer.raw);
  }

  async clearinghouse(liquidatedHere = false): Promise<QueryResult<Clearinghouse>> {
    const answer = await this.info.post({ type: 'clearinghouseState', user: this.user });
    if (!answer.ok) return answer;
    const state = readClearinghouse(answer.json, this.user, liquidatedHere);
    return state.ok ? { ...ok(state.value, answer.raw), drift: state.value.drift } : malformed('clearinghouseState', state.problem, answer.raw);
  }

  private async metaAndCtxs(): Promise<QueryResult<{ universe: unknown[]; ctxs: unknown[] }>> {
    const answer = await this.info.post({ type: 'metaAndAssetCtxs' });
    if (!answer.ok) return answer;
    const parsed = metaAndAssetCtxsSchema.safeParse(answer.json);
    if (!parsed.success) return malformed('metaAndAssetCtxs', describeIssues(parsed.error), answer.raw);
    return ok({ universe: parsed.data[0].universe, ctxs: parsed.data[1] }, answer.raw);
  }

  private async list<T>(type: string, read: (item: unknown) => Parsed<T>): Promise<QueryResult<T[]>> {
    const answer = await this.info.post({ type, user: this.user });
    if (!answer.ok) return answer;
    if (!Array.isArray(answer.json)) return malformed(type, 'expected an array', answer.raw);
    return collect(answer.json, read, answer.raw);
  }
}

function collect<I, T>(items: I[], read: (item: I) => Parsed<T>, raw: string): Ok<T[]> {
  const value: T[] = [];
  const bad: MalformedItem[] = [];
  const drift: FieldDrift[] = [];
  for (const item of items) {
    const parsed = read(item);
    drift.push(...(parsed.drift ?? []));
    if (parsed.ok) value.push(parsed.value);
    else bad.push({ raw: JSON.stringify(item) ?? 'undefined', problem: parsed.problem });
  }
  return { ok: true, value, raw: [raw], malformed: bad, drift };
}

function ok<T>(value: T, raw: string): Ok<T> {
  return { ok: true, value, raw: [raw], malformed: [] };
}

function malformed(what: string, problem: string, raw: string): { ok: false; error: QueryError } {
  return { ok: false, error: { kind: 'malformed', message: `${what}: ${problem}`, httpStatus: null, code: null, raw } };
}
