/**
 * The simulated venue on loopback: one HTTP server carrying the Paradex REST API under /v1, the
 * WebSocket at /v1 and the Starknet RPC proxy at /rpc/v0_8 (and v0_9). The apiOutage fault lives
 * here: every REST call answers 503 (after executing order changes in "errors-but-accepts"
 * mode) and WebSockets are dropped and refused. The RPC proxy is a different service at the real
 * venue and stays up.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../clock';
import type { SimEngine } from './engine';
import { DEFAULT_JWT_TTL_MS, JwtIssuer } from './jwt';
import { errorBody, isOrderMutation, ParadexRestApi, type RestResponse } from './rest-api';
import { answerRpc } from './rpc';
import { WsHub } from './ws-hub';

export interface VenueServerOptions {
  /** Loopback only; defaults to 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Paradex: 55 s; 0 turns pings off. */
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  /** The clock for pings; the system clock by default, also in replays (see ws-hub.ts). */
  transportClock?: Clock;
  /** Paradex: 5 minutes of the engine's clock. */
  jwtTtlMs?: number;
}

export interface VenueUrls {
  /** e.g. http://127.0.0.1:PORT/v1 */
  restUrl: string;
  /** e.g. ws://127.0.0.1:PORT/v1 */
  wsUrl: string;
  /** e.g. http://127.0.0.1:PORT/rpc/v0_8 */
  rpcUrl: string;
}

const MAX_BODY_BYTES = 1 << 20;

export class SimVenueServer {
  private readonly http: Server;
  private readonly hub: WsHub;
  private readonly api: ParadexRestApi;
  private readonly unsubscribe: () => void;
  private urls: VenueUrls | null = null;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly engine: SimEngine,
    private readonly options: VenueServerOptions = {},
  ) {
    const jwt = new JwtIssuer(engine.clock, options.jwtTtlMs ?? DEFAULT_JWT_TTL_MS);
    this.api = new ParadexRestApi(engine, jwt, () => this.requireUrls().rpcUrl);
    this.hub = new WsHub(engine, jwt, {
      pingIntervalMs: options.pingIntervalMs ?? 55_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 5_000,
      transportClock: options.transportClock ?? systemClock,
    });
    this.http = createServer((req, res) => this.onRequest(req, res));
    this.http.on('upgrade', (req, socket, head) => this.hub.handleUpgrade(req, socket, head));
    this.unsubscribe = engine.on((event) => this.hub.onEngineEvent(event));
  }

  async start(): Promise<VenueUrls> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port ?? 0, host, () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.urls = { restUrl: `http://${host}:${port}/v1`, wsUrl: `ws://${host}:${port}/v1`, rpcUrl: `http://${host}:${port}/rpc/v0_8` };
    return this.urls;
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    this.hub.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** WebSocket data and reply frames written so far. */
  framesSent(): number {
    return this.hub.framesSent();
  }

  connections(): number {
    return this.hub.connections();
  }

  /**
   * Resolves when no HTTP request is being answered and every frame sent so far has been handed
   * to the operating system. A replay runner awaits this (and its own client's quiet) before it
   * advances the virtual clock again.
   */
  async idle(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.hub.flushed();
  }

  private requireUrls(): VenueUrls {
    if (!this.urls) throw new Error('the simulator is not started');
    return this.urls;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight++;
    res.on('close', () => {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return send(res, { status: 413, body: errorBody('VALIDATION_ERROR', 'body too large') });
      send(res, this.answer(req, Buffer.concat(chunks).toString('utf8')));
    });
  }

  private answer(req: IncomingMessage, body: string): RestResponse {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    if (method === 'POST' && /^\/rpc\/v0_(8|9)\/?$/.test(url.pathname)) return { status: 200, body: answerRpc(this.engine, body) };
    if (!url.pathname.startsWith('/v1/')) return { status: 404, body: errorBody('NOT_FOUND', `no route ${method} ${url.pathname}`) };
    const request = { method, path: url.pathname.slice(3).replace(/\/$/, ''), query: url.searchParams, headers: req.headers, body };
    const outage = this.engine.connectivity().apiOutage;
    if (outage) {
      if (outage === 'errors-but-accepts' && isOrderMutation(request)) this.api.handle(request);
      return { status: 503, body: errorBody('SERVICE_UNAVAILABLE', 'the API is unavailable') };
    }
    return this.api.handle(request);
  }
}

function send(res: ServerResponse, response: RestResponse): void {
  if (response.body === undefined) {
    res.writeHead(response.status).end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}
