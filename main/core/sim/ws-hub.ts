/**
 * The Paradex WebSocket at /v1 (venue-apis.md §1.7): JSON-RPC 2.0 `auth` {bearer}, `subscribe`
 * and `unsubscribe` {channel}, data frames `{"jsonrpc":"2.0","method":"subscription","params":
 * {"channel","data"}}`, protocol-level pings. Engine events become frames synchronously, so a
 * frame is in the socket's buffer before the engine call that caused it returns.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, WebSocket } from 'ws';
import type { Clock } from '../clock';
import type { SimEngine } from './engine';
import type { SimEvent } from './events';
import type { JwtIssuer } from './jwt';
import { accountJson, fillJson, openInterestOf, orderJson, positionJson, summaryJson, tradebustJson } from './paradex-shapes';

export interface WsHubOptions {
  /** Paradex pings every 55 s; 0 turns pings off. */
  pingIntervalMs: number;
  /** A client that does not pong within this is dropped (Paradex: 5 s). */
  pongTimeoutMs: number;
  /** Pings are transport, not venue economics: they run on this clock (usually the system clock). */
  transportClock: Clock;
}

interface Client {
  ws: WebSocket;
  authed: boolean;
  /** Frames handed to `ws` whose write has not completed yet. */
  unflushed: number;
  /** Set when the connection is being dropped: nothing more is sent. */
  dropping: boolean;
  channels: Set<string>;
  cancelPing: (() => void) | null;
  cancelPong: (() => void) | null;
}

/** `transaction` is accepted and stays quiet: the simulator settles nothing on a chain of its own. */
const PRIVATE_CHANNEL = /^(orders|fills)\.[^.]+$|^(positions|account|tradebusts|transaction)$/;

export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();
  private unflushed = 0;
  private flushWaiters: (() => void)[] = [];
  private sent = 0;

  constructor(
    private readonly engine: SimEngine,
    private readonly jwt: JwtIssuer,
    private readonly options: WsHubOptions,
  ) {}

  /** Frames written to sockets so far. */
  framesSent(): number {
    return this.sent;
  }

  /** WebSocket connections the hub still holds (a closed client is gone once its close is read). */
  connections(): number {
    return this.clients.size;
  }

  /** Resolves once every frame sent so far has been handed to the operating system. */
  flushed(): Promise<void> {
    if (this.unflushed === 0) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/v1' && path !== '/v1/') return refuse(socket, '404 Not Found');
    if (this.engine.connectivity().websocketsRefused) return refuse(socket, '503 Service Unavailable');
    this.wss.handleUpgrade(request, socket, head, (ws) => this.adopt(ws));
  }

  /**
   * Drops every connection abruptly, as a network fault would. Frames already sent are written
   * out first and nothing is sent after, so what a client receives before the drop does not
   * depend on socket timing.
   */
  dropAll(): void {
    for (const client of this.clients) {
      client.dropping = true;
      if (client.unflushed === 0) client.ws.terminate();
    }
  }

  close(): void {
    this.dropAll();
    this.wss.close();
  }

  onEngineEvent(event: SimEvent): void {
    if (event.type === 'connectivity') {
      if (this.engine.connectivity().websocketsRefused) this.dropAll();
      return;
    }
    if (this.clients.size === 0) return;
    const route = this.route(event);
    if (!route) return;
    const targets = [...this.clients].filter((c) => route.channels.some((ch) => c.channels.has(ch)));
    if (targets.length === 0) return;
    const data = JSON.stringify(route.data());
    for (const client of targets) {
      for (const channel of route.channels) {
        if (client.channels.has(channel)) {
          this.send(client, `{"jsonrpc":"2.0","method":"subscription","params":{"channel":${JSON.stringify(channel)},"data":${data}}}`);
        }
      }
    }
  }

  private route(event: SimEvent): { channels: string[]; data: () => unknown } | null {
    const { engine } = this;
    switch (event.type) {
      case 'summary': {
        const market = engine.market(event.market)!;
        return { channels: ['markets_summary', 'markets_summary.ALL', `markets_summary.${event.market}`], data: () => summaryJson(market, openInterestOf(engine, event.market)) };
      }
      case 'order': {
        const { order } = event;
        return { channels: ['orders.ALL', `orders.${order.market}`], data: () => orderJson(order, engine.account) };
      }
      case 'fill': {
        const { fill } = event;
        return { channels: ['fills.ALL', `fills.${fill.market}`], data: () => fillJson(fill, engine.account) };
      }
      case 'position': {
        const position = engine.position(event.market);
        return position ? { channels: ['positions'], data: () => positionJson(engine, position) } : null;
      }
      case 'account':
        return { channels: ['account'], data: () => accountJson(engine) };
      case 'tradebust': {
        const { bust } = event;
        return { channels: ['tradebusts'], data: () => tradebustJson(bust, engine.account) };
      }
      default:
        return null;
    }
  }

  private adopt(ws: WebSocket): void {
    const client: Client = { ws, authed: false, unflushed: 0, dropping: false, channels: new Set(), cancelPing: null, cancelPong: null };
    this.clients.add(client);
    ws.on('message', (raw) => this.onMessage(client, raw));
    ws.on('pong', () => {
      client.cancelPong?.();
      client.cancelPong = null;
    });
    ws.on('close', () => {
      client.cancelPing?.();
      client.cancelPong?.();
      this.clients.delete(client);
    });
    ws.on('error', () => ws.terminate());
    this.schedulePing(client);
  }

  private schedulePing(client: Client): void {
    const { pingIntervalMs, pongTimeoutMs, transportClock } = this.options;
    if (pingIntervalMs <= 0) return;
    client.cancelPing = transportClock.setTimer(pingIntervalMs, () => {
      if (client.ws.readyState !== WebSocket.OPEN) return;
      client.ws.ping();
      client.cancelPong ??= transportClock.setTimer(pongTimeoutMs, () => client.ws.terminate());
      this.schedulePing(client);
    });
  }

  private onMessage(client: Client, raw: RawData): void {
    let message: { id?: unknown; method?: unknown; params?: { bearer?: unknown; channel?: unknown } };
    try {
      message = JSON.parse(raw.toString());
    } catch {
      return this.reply(client, null, { error: { code: -32700, message: 'Parse error' } });
    }
    const id = message.id ?? null;
    const params = message.params ?? {};
    switch (message.method) {
      case 'auth': {
        if (typeof params.bearer !== 'string') return this.reply(client, id, { error: { code: 40110, message: 'malformed bearer' } });
        const check = this.jwt.verify(params.bearer);
        if (!check.ok) return this.reply(client, id, { error: { code: check.reason === 'malformed' ? 40110 : 40111, message: `invalid bearer (${check.reason})` } });
        client.authed = true;
        return this.reply(client, id, { result: { node_id: 'blackbox-sim' } });
      }
      case 'subscribe':
      case 'unsubscribe': {
        const channel = params.channel;
        if (typeof channel !== 'string' || !this.isKnownChannel(channel)) {
          return this.reply(client, id, { error: { code: -32602, message: 'Invalid parameters: unknown channel' } });
        }
        if (message.method === 'unsubscribe') {
          client.channels.delete(channel);
        } else {
          if (PRIVATE_CHANNEL.test(channel) && !client.authed) return this.reply(client, id, { error: { code: 40111, message: 'authenticate before subscribing to a private channel' } });
          client.channels.add(channel);
        }
        return this.reply(client, id, { result: { channel } });
      }
      default:
        return this.reply(client, id, { error: { code: -32601, message: 'Method not found' } });
    }
  }

  private isKnownChannel(channel: string): boolean {
    const [name, scope, ...rest] = channel.split('.');
    if (rest.length > 0) return false;
    const marketScope = scope === 'ALL' || (scope !== undefined && this.engine.market(scope) !== undefined);
    switch (name) {
      case 'markets_summary':
        return scope === undefined || marketScope;
      case 'orders':
      case 'fills':
        return marketScope;
      case 'positions':
      case 'account':
      case 'tradebusts':
      case 'transaction':
        return scope === undefined;
      default:
        return false;
    }
  }

  private reply(client: Client, id: unknown, outcome: { result: unknown } | { error: { code: number; message: string } }): void {
    const usIn = this.engine.clock.now() * 1000;
    this.send(client, JSON.stringify({ jsonrpc: '2.0', ...outcome, usIn, usDiff: 0, id }));
  }

  private send(client: Client, text: string): void {
    if (client.dropping || client.ws.readyState !== WebSocket.OPEN) return;
    this.sent++;
    this.unflushed++;
    client.unflushed++;
    client.ws.send(text, () => {
      client.unflushed--;
      if (client.dropping && client.unflushed === 0) client.ws.terminate();
      this.unflushed--;
      if (this.unflushed === 0) for (const resolve of this.flushWaiters.splice(0)) resolve();
    });
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
