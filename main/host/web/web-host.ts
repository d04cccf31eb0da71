/**
 * The contract over a WebSocket on 127.0.0.1, plus the built renderer as static files.
 * A random per-start token in the page URL guards the socket; the Host header is checked so a
 * web page elsewhere cannot reach it through DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CoreService } from '../../core/api/core-service';
import { dispatch } from '../../core/api/dispatch';
import { readStaticFile } from './static-files';
import type { WireEvent, WireReply } from '../../../shared/wire';

export interface WebHostOptions {
  service: CoreService;
  /** Folder with the built renderer (index.html and assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** A client that falls this far behind loses price ticks rather than growing our memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const contentSecurityPolicy = (port: number) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://${HOST}:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const hostAllowed = (req: IncomingMessage) => req.headers.host === `${HOST}:${port}` || req.headers.host === `localhost:${port}`;

  const server = createServer((req, res) => void serveHttp(req, res));
  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req)) return void res.writeHead(421).end('Wrong host');
    if (req.method !== 'GET') return void res.writeHead(405).end('Method not allowed');
    const path = new URL(req.url ?? '/', `http://${HOST}`).pathname;
    const file = await readStaticFile(options.staticDir, path);
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(file.body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname !== '/ws' || !hostAllowed(req) || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => void answer(ws, data.toString()));
  });

  async function answer(ws: WebSocket, text: string) {
    let request: { id?: unknown; method?: unknown; params?: unknown };
    try {
      request = JSON.parse(text);
    } catch {
      request = {};
    }
    const id = typeof request.id === 'number' ? request.id : -1;
    const result =
      id === -1
        ? { ok: false as const, error: { code: 'BAD_REQUEST', message: 'Expected JSON {id: number, method, params}' } }
        : await dispatch(options.service.handlers, request.method, request.params);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result } satisfies WireReply));
  }

  const unsubscribe = options.service.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies WireEvent);
    for (const ws of sockets.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (event === 'price' && ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      ws.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      // Terminate clients and drop keep-alive connections, or the process (and Playwright) hangs.
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
