/**
 * The Paradex REST subset under /v1 (venue-apis.md §1.2–1.6): public system and market
 * endpoints, /auth with the simulator's dev key, and the private account, position, order and
 * fill endpoints behind `Authorization: Bearer <jwt>`. Pure request → response; server.ts does
 * the HTTP and the API-outage fault.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SIM_DEV_ACCOUNT, SIM_DEV_KEY } from './dev-credentials';
import type { SimEngine } from './engine';
import type { SimError } from './errors';
import type { JwtIssuer } from './jwt';
import type { SimOrder } from './model';
import { accountJson, balanceJson, fillJson, marketJson, openInterestOf, orderJson, positionJson, summaryJson, tradebustJson } from './paradex-shapes';

export interface RestRequest {
  method: string;
  /** The path below /v1, without query, e.g. "/orders/by_client_id/L1". */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RestResponse {
  status: number;
  /** Absent for 204 No Content. */
  body?: unknown;
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 5000;

export function errorBody(code: string, message: string) {
  return { error: code, message };
}

const fromError = (e: SimError): RestResponse => ({ status: e.httpStatus, body: errorBody(e.code, e.message) });

/** Requests that change orders: what an "errors-but-accepts" outage still executes. */
export function isOrderMutation(req: Pick<RestRequest, 'method' | 'path'>): boolean {
  return (req.method === 'POST' || req.method === 'DELETE') && (req.path === '/orders' || req.path.startsWith('/orders/'));
}

export class ParadexRestApi {
  constructor(
    private readonly engine: SimEngine,
    private readonly jwt: JwtIssuer,
    private readonly rpcUrl: () => string,
  ) {}

  handle(req: RestRequest): RestResponse {
    const pub = this.publicRoute(req);
    if (pub) return pub;
    const denied = this.authenticate(req.headers);
    if (denied) return denied;
    return this.privateRoute(req) ?? { status: 404, body: errorBody('NOT_FOUND', `no route ${req.method} /v1${req.path}`) };
  }

  private publicRoute(req: RestRequest): RestResponse | null {
    const { engine } = this;
    const key = `${req.method} ${req.path}`;
    switch (key) {
      case 'GET /system/state':
        return { status: 200, body: { status: engine.venueStatus() } };
      case 'GET /system/time':
        return { status: 200, body: { server_time: String(engine.clock.now()) } };
      case 'GET /system/config':
        return { status: 200, body: { starknet_fullnode_rpc_url: this.rpcUrl(), starknet_chain_id: 'SN_SIM', paraclear_account_hash: '' } };
      case 'GET /markets': {
        const market = req.query.get('market');
        const specs = engine.markets().map((m) => m.spec).filter((s) => !market || s.symbol === market);
        return { status: 200, body: { results: specs.map(marketJson) } };
      }
      case 'GET /markets/summary': {
        const market = req.query.get('market') ?? 'ALL';
        const markets = engine.markets().filter((m) => market === 'ALL' || m.spec.symbol === market);
        return { status: 200, body: { results: markets.map((m) => summaryJson(m, openInterestOf(engine, m.spec.symbol))) } };
      }
      case 'POST /auth':
        return this.auth(req.headers);
      default:
        return null;
    }
  }

  private auth(headers: IncomingHttpHeaders): RestResponse {
    const account = headers['paradex-starknet-account'];
    if (account !== SIM_DEV_ACCOUNT) return { status: 401, body: errorBody('ACCOUNT_NOT_FOUND', 'the simulator knows only its dev account') };
    let signature: unknown;
    try {
      signature = JSON.parse(String(headers['paradex-starknet-signature'] ?? ''));
    } catch {
      signature = null;
    }
    if (!Array.isArray(signature) || signature[0] !== SIM_DEV_KEY) {
      return { status: 401, body: errorBody('INVALID_STARKNET_SIGNATURE', 'the signature must be ["<dev key>","0"]') };
    }
    return { status: 200, body: { jwt_token: this.jwt.issue(account) } };
  }

  private authenticate(headers: IncomingHttpHeaders): RestResponse | null {
    const header = headers.authorization;
    const match = header ? /^Bearer (\S+)$/.exec(header) : null;
    if (!match) return { status: 401, body: errorBody('UNAUTHORIZED_ERROR', 'Authorization: Bearer <jwt> required') };
    const check = this.jwt.verify(match[1]);
    if (!check.ok) return { status: 401, body: errorBody('INVALID_TOKEN', `bearer token is ${check.reason}`) };
    return null;
  }

  private privateRoute(req: RestRequest): RestResponse | null {
    const { engine } = this;
    const account = engine.account;
    const q = req.query;
    const market = q.get('market') ?? undefined;
    switch (`${req.method} ${req.path}`) {
      case 'GET /account':
        return { status: 200, body: accountJson(engine) };
      case 'GET /balance':
        return { status: 200, body: { results: [balanceJson(engine)] } };
      case 'GET /positions':
        return { status: 200, body: { results: engine.positions().map((p) => positionJson(engine, p)) } };
      case 'GET /orders':
        return { status: 200, body: { results: engine.openOrders(market).map((o) => orderJson(o, account)) } };
      case 'POST /orders': {
        let body: unknown;
        try {
          body = JSON.parse(req.body);
        } catch {
          return { status: 400, body: errorBody('BINDING_ERROR', 'the body is not JSON') };
        }
        const placed = engine.placeOrder(body);
        return placed.ok ? { status: 201, body: orderJson(placed.value, account) } : fromError(placed.error);
      }
      case 'DELETE /orders': {
        const done = engine.cancelAll(market);
        return done.ok ? { status: 200, body: {} } : fromError(done.error);
      }
      case 'GET /orders-history':
        return { status: 200, body: page(filterOrders(engine.orders(), q).reverse().map((o) => orderJson(o, account)), q) };
      case 'GET /fills': {
        const fills = engine.fills().filter((f) => (!market || f.market === market) && inRange(f.createdAt, q));
        return { status: 200, body: page([...fills].reverse().map((f) => fillJson(f, account)), q) };
      }
      case 'GET /funding/payments':
        // The simulator books no funding: an empty page in the venue's shape.
        return { status: 200, body: page([], q) };
      case 'GET /tradebusts': {
        const busts = engine.tradebusts().filter((b) => inRange(b.createdAt, q));
        return { status: 200, body: page([...busts].reverse().map((b) => tradebustJson(b, account)), q) };
      }
    }
    const one = /^\/orders\/(by_client_id\/)?([^/]+)$/.exec(req.path);
    if (!one || (req.method !== 'GET' && req.method !== 'DELETE')) return null;
    const id = decodeURIComponent(one[2]);
    const ref = one[1] ? { clientId: id } : { id };
    if (req.method === 'DELETE') {
      const cancelled = engine.cancelOrder(ref);
      return cancelled.ok ? { status: 204 } : fromError(cancelled.error);
    }
    const order = engine.order(ref);
    if (order) return { status: 200, body: orderJson(order, account) };
    return one[1]
      ? { status: 404, body: errorBody('CLIENT_ORDER_ID_NOT_FOUND', `client order ${id} not found`) }
      : { status: 404, body: errorBody('ORDER_ID_NOT_FOUND', `order ${id} not found`) };
  }
}

function filterOrders(orders: readonly SimOrder[], q: URLSearchParams): SimOrder[] {
  const wanted = (name: string, value: string) => {
    const v = q.get(name);
    return v === null || v === value;
  };
  return orders.filter(
    (o) => wanted('market', o.market) && wanted('status', o.status) && wanted('type', o.type) && wanted('side', o.side) && wanted('client_id', o.clientId) && inRange(o.createdAt, q),
  );
}

function inRange(at: number, q: URLSearchParams): boolean {
  const start = q.get('start_at');
  const end = q.get('end_at');
  return (start === null || at >= Number(start)) && (end === null || at <= Number(end));
}

/** Paradex pagination `{next, prev, results}`, newest first; cursors are opaque offsets. */
function page<T>(items: T[], q: URLSearchParams) {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.get('page_size') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE));
  const cursor = q.get('cursor');
  const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, '')) || 0 : 0;
  const encode = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
  return {
    next: offset + size < items.length ? encode(offset + size) : null,
    prev: offset > 0 ? encode(Math.max(0, offset - size)) : null,
    results: items.slice(offset, offset + size),
  };
}
