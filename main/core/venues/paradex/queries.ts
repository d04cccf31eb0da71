/**
 * The REST look-ups reconciliation relies on (venue-apis.md §1.2–1.4). Lists are read item by
 * item: an item we cannot read is returned beside the others as malformed, never dropped.
 */
import type { FieldDrift } from '../common/drift';
import { describeIssues, parseJson, type Parsed } from '../common/parsed';
import type {
  MalformedItem, OrderLookup, QueryError, QueryResult, TradeBust, VenueAccount, VenueBalance, VenueFill, VenueFunding,
  VenueMarket, VenueMode, VenueOrder, VenuePosition, VenuePrice,
} from '../port';
import {
  readAccount, readBalance, readFill, readFundingPayment, readMarket, readMarketSummary, readOrder, readPosition,
  readSystemState, readTradeBust,
} from './parse';
import type { ParadexRest, RestCall } from './rest';
import { apiErrorSchema, listSchema, pageSchema } from './schemas';

type Reader<T> = (input: unknown) => Parsed<T>;

export interface QueryOptions {
  pageSize: number;
  /** A guard against a cursor that never ends. */
  maxPages: number;
}

export class ParadexQueries {
  constructor(
    private readonly rest: ParadexRest,
    private readonly options: QueryOptions,
  ) {}

  systemState(): Promise<QueryResult<VenueMode>> {
    return this.one({ method: 'GET', path: '/system/state', private: false }, readSystemState);
  }

  markets(): Promise<QueryResult<VenueMarket[]>> {
    return this.list({ method: 'GET', path: '/markets', private: false }, readMarket);
  }

  prices(): Promise<QueryResult<VenuePrice[]>> {
    return this.list({ method: 'GET', path: '/markets/summary', query: { market: 'ALL' }, private: false }, readMarketSummary);
  }

  openOrders(market?: string): Promise<QueryResult<VenueOrder[]>> {
    return this.list({ method: 'GET', path: '/orders', query: { market }, private: true }, readOrder);
  }

  async orderByClientId(clientId: string): Promise<QueryResult<OrderLookup>> {
    const result = await this.one(
      { method: 'GET', path: `/orders/by_client_id/${encodeURIComponent(clientId)}`, private: true },
      readOrder,
    );
    if (result.ok) return { ...result, value: { found: true, order: result.value } };
    const { error } = result;
    const refused = error.kind === 'http' && error.httpStatus !== null && error.httpStatus >= 400 && error.httpStatus <= 499;
    const notFound = refused && (error.httpStatus === 404 || (error.code ?? '').includes('NOT_FOUND'));
    if (notFound) return { ok: true, value: { found: false }, raw: error.raw === null ? [] : [error.raw], malformed: [] };
    return result;
  }

  ordersHistory(query: { since: number; market?: string }): Promise<QueryResult<VenueOrder[]>> {
    return this.pages('/orders-history', { start_at: String(query.since), market: query.market }, readOrder);
  }

  fills(query: { since: number; market?: string }): Promise<QueryResult<VenueFill[]>> {
    return this.pages('/fills', { start_at: String(query.since), market: query.market }, readFill);
  }

  /** Funding the venue booked on the account's positions (venue-apis.md §1.4). */
  funding(query: { since: number; market?: string }): Promise<QueryResult<VenueFunding[]>> {
    return this.pages('/funding/payments', { start_at: String(query.since), market: query.market }, readFundingPayment);
  }

  balances(): Promise<QueryResult<VenueBalance[]>> {
    return this.list({ method: 'GET', path: '/balance', private: true }, readBalance);
  }

  tradeBusts(): Promise<QueryResult<TradeBust[]>> {
    return this.pages('/tradebusts', {}, readTradeBust);
  }

  positions(): Promise<QueryResult<VenuePosition[]>> {
    return this.list({ method: 'GET', path: '/positions', private: true }, readPosition);
  }

  account(): Promise<QueryResult<VenueAccount>> {
    return this.one({ method: 'GET', path: '/account', private: true }, readAccount);
  }

  private async one<T>(call: RestCall, read: Reader<T>): Promise<QueryResult<T>> {
    const body = await this.fetch(call);
    if (!body.ok) return body;
    const parsed = read(body.json);
    if (!parsed.ok) return { ok: false, error: malformed(parsed.problem, body.raw) };
    return { ok: true, value: parsed.value, raw: [body.raw], malformed: [], drift: parsed.drift ?? [] };
  }

  private async list<T>(call: RestCall, read: Reader<T>): Promise<QueryResult<T[]>> {
    const body = await this.fetch(call);
    if (!body.ok) return body;
    const list = listSchema.safeParse(body.json);
    if (!list.success) return { ok: false, error: malformed(describeIssues(list.error), body.raw) };
    const values: T[] = [];
    const bad: MalformedItem[] = [];
    const drift: FieldDrift[] = [];
    readItems(list.data.results, read, { values, bad, drift });
    return { ok: true, value: values, raw: [body.raw], malformed: bad, drift };
  }

  private async pages<T>(path: string, query: Record<string, string | undefined>, read: Reader<T>): Promise<QueryResult<T[]>> {
    const values: T[] = [];
    const bad: MalformedItem[] = [];
    const drift: FieldDrift[] = [];
    const raw: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < this.options.maxPages; page++) {
      const body = await this.fetch({
        method: 'GET',
        path,
        query: { ...query, cursor, page_size: String(this.options.pageSize) },
        private: true,
      });
      if (!body.ok) return body;
      raw.push(body.raw);
      const parsed = pageSchema.safeParse(body.json);
      if (!parsed.success) return { ok: false, error: malformed(describeIssues(parsed.error), body.raw) };
      readItems(parsed.data.results, read, { values, bad, drift });
      const next = parsed.data.next;
      if (!next || next === cursor) return { ok: true, value: values, raw, malformed: bad, drift };
      cursor = next;
    }
    return {
      ok: false,
      error: { kind: 'malformed', message: `${path}: still paging after ${this.options.maxPages} pages`, httpStatus: null, code: null, raw: null },
    };
  }

  private async fetch(call: RestCall): Promise<{ ok: true; json: unknown; raw: string } | { ok: false; error: QueryError }> {
    const outcome = await this.rest.call(call);
    if (outcome.kind === 'failure') {
      return { ok: false, error: { kind: 'transport', message: outcome.reason, httpStatus: null, code: null, raw: null } };
    }
    const json = parseJson(outcome.body);
    if (outcome.status < 200 || outcome.status > 299) {
      const venueError = json.ok ? apiErrorSchema.safeParse(json.value) : null;
      const code = venueError?.success ? venueError.data.error : null;
      const message = venueError?.success ? (venueError.data.message ?? code ?? '') : `HTTP ${outcome.status}`;
      return { ok: false, error: { kind: 'http', message, httpStatus: outcome.status, code, raw: outcome.body } };
    }
    if (!json.ok) return { ok: false, error: malformed(`${call.path}: ${json.problem}`, outcome.body) };
    return { ok: true, json: json.value, raw: outcome.body };
  }
}

/** Readable items are kept, unreadable ones reported beside them, and every item's drift gathered. */
function readItems<T>(items: unknown[], read: Reader<T>, into: { values: T[]; bad: MalformedItem[]; drift: FieldDrift[] }): void {
  for (const item of items) {
    const parsed = read(item);
    into.drift.push(...(parsed.drift ?? []));
    if (parsed.ok) into.values.push(parsed.value);
    else into.bad.push({ raw: JSON.stringify(item), problem: parsed.problem });
  }
}

function malformed(message: string, raw: string): QueryError {
  return { kind: 'malformed', message, httpStatus: null, code: null, raw };
}
