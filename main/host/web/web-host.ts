/**
 * The contract over a WebSocket on 127.0.0.1, plus the built renderer as static files.
 * A random per-start token in the page URL guards the socket; the Host header (DNS rebinding)
 * and the Origin (other web pages) are checked. Nothing a client sends can end the process:
 * every socket, request and WebSocket has its error handler, URLs and frames are read
 * defensively, and each connection is limited in frame size, calls in flight and calls per second,
 * with calls served in turns across connections.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CoreService } from '../../core/api/core-service';
import { dispatch } from '../../core/api/dispatch';
import { insideFolders, withReviewAccess } from '../../core/terminal/review-access';
import type { WireEvent, WireReply } from '../../../shared/wire';
import { ConnectionLimits, LIMITS, type Limits } from './connection-limits';
import { FairQueue } from './fair-queue';
import { readStaticFile } from '../../core/api/static-files';
import { readFrame } from './wire-request';

export interface WebHostOptions {
  service: CoreService;
  /** Folder with the built renderer (index.html and assets). */
  staticDir: string;
  /** The only folders whose journals the page may open for review (the data folder, any named at start). */
  reviewFolders: readonly string[];
  port?: number;
  token?: string;
  /** Per-connection limits; the defaults suit the page (tests of other things may raise them). */
  limits?: Partial<Limits>;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** The address the server listens on, as the OS reports it. */
  address: AddressInfo;
  close(): Promise<void>;
}

/** Loopback only: another machine on the network must never reach the terminal. */
const HOST = '127.0.0.1';
/** A client that falls this far behind loses price ticks rather than growing our memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Calls running at once across all connections (most are SQLite reads; orders wait on the venue). */
const CONCURRENT_CALLS = 8;

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

/** The request's path and query, or null when its target is not a URL at all. */
function parseTarget(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', `http://${HOST}`);
  } catch {
    return null;
  }
}

const ignore = () => {};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limits: Limits = { ...LIMITS, ...options.limits };
  const service = withReviewAccess(options.service, insideFolders(options.reviewFolders));
  let port = 0;
  const ownNames = () => [`${HOST}:${port}`, `localhost:${port}`];
  const hostAllowed = (req: IncomingMessage) => ownNames().includes(req.headers.host ?? '');
  // A browser always names the page's origin on a WebSocket; only our own page may talk to us.
  const originAllowed = (req: IncomingMessage) => ownNames().some((name) => req.headers.origin === `http://${name}`);

  const server = createServer((req, res) => {
    req.on('error', ignore);
    res.on('error', ignore);
    serveHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  server.on('connection', (socket: Socket) => socket.on('error', ignore));
  server.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    const plain = (status: number, text: string) => void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(text);
    if (!hostAllowed(req)) return plain(421, 'Wrong host');
    if (req.method !== 'GET') return plain(405, 'Method not allowed');
    const target = parseTarget(req);
    if (!target) return plain(400, 'Bad request');
    const file = await readStaticFile(options.staticDir, target.pathname);
    if (!file) return plain(404, 'Not found');
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(file.body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  sockets.on('error', ignore);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', ignore);
    const refuse = (status: string) => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const target = parseTarget(req);
    if (!target || target.pathname !== '/ws' || !hostAllowed(req) || !tokenMatches(token, target.searchParams.get('token'))) return refuse('401 Unauthorized');
    if (!originAllowed(req)) return refuse('403 Forbidden');
    if (sockets.clients.size >= limits.maxConnections) return refuse('503 Service Unavailable');
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  const queue = new FairQueue<WebSocket>(CONCURRENT_CALLS);
  function serveSocket(ws: WebSocket) {
    const allowance = new ConnectionLimits(() => performance.now(), limits);
    const reply = (message: WireReply) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message), ignore);
    };
    // Too large (1009) and invalid UTF-8 (1007) frames: ws closes with the code that says why.
    ws.on('error', ignore);
    ws.on('close', () => queue.drop(ws));
    ws.on('message', (data, isBinary) => {
      const frame = readFrame(data, isBinary);
      if (!frame.ok) return reply({ id: frame.id, result: { ok: false, error: { code: 'BAD_REQUEST', message: frame.message } } });
      const { id, method, params } = frame.request;
      const refusal = allowance.admit();
      if (refusal) {
        if (allowance.refusedTooOften()) return ws.close(1008, 'Too many calls refused; reconnect and slow down');
        return reply({ id, result: { ok: false, error: refusal } });
      }
      queue.push(ws, async () => {
        try {
          const result = await dispatch(service.handlers, method, params);
          reply({ id, result });
        } catch (error) {
          reply({ id, result: { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } } });
        } finally {
          allowance.done();
        }
      });
    });
  }

  const unsubscribe = service.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies WireEvent);
    for (const ws of sockets.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (event === 'price' && ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      ws.send(text, ignore);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  server.on('error', ignore);
  const address = server.address() as AddressInfo;
  port = address.port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    address,
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
