/** For web host tests: a served terminal, and clients that speak to it as a page or an attacker would. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Result } from '../../../../shared/result';
import { confSettings } from '../../../core/settings/conf-settings';
import { startBlackbox } from '../../../core/terminal/start-terminal';
import { startWebHost, type WebHost, type WebHostOptions } from '../web-host';

export interface Served {
  host: WebHost;
  dataDir: string;
  close(): Promise<void>;
}

export async function servedTerminal(options: Partial<WebHostOptions> = {}): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-webhost-'));
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dataDir, 'secret.txt'), 'not for the web');
  const terminal = await startBlackbox({ dataDir, settings: confSettings(dataDir), scenarioDir: join(import.meta.dirname, '../../../../scenarios') });
  const host = await startWebHost({ service: terminal, staticDir, reviewFolders: [dataDir], ...options });
  return {
    host,
    dataDir,
    async close() {
      await host.close();
      await terminal.close();
    },
  };
}

export const wsUrl = (host: WebHost, token = host.token) => `ws://127.0.0.1:${host.port}/ws?token=${token}`;
export const ownOrigin = (host: WebHost) => `http://127.0.0.1:${host.port}`;

/** Opens a WebSocket as the page would (its own Origin) unless told otherwise. */
export function openSocket(host: WebHost, options: { url?: string; origin?: string | null; headers?: Record<string, string> } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const origin = options.origin === undefined ? ownOrigin(host) : options.origin;
    const ws = new WebSocket(options.url ?? wsUrl(host), { ...(origin === null ? {} : { origin }), headers: options.headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one frame and resolves with the reply carrying `id` (any reply when id is -1). */
export function call(ws: WebSocket, message: string | Buffer, id = -1): Promise<{ id: number; result: Result<unknown> }> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString());
      if ('id' in parsed && (id === -1 || parsed.id === id)) {
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(parsed);
      }
    };
    const onClose = (code: number) => reject(new Error(`closed with ${code}`));
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(message);
  });
}

export const callMethod = (ws: WebSocket, id: number, method: string, params: unknown = {}) => call(ws, JSON.stringify({ id, method, params }), id);

export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve(-1) : ws.once('close', (code) => resolve(code))));
}

export function httpGet(host: WebHost, path: string, hostHeader = `127.0.0.1:${host.port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

/** Writes raw bytes on a new TCP connection and resolves with what came back once it closes (or after `reset`). */
export function rawExchange(host: WebHost, bytes: Buffer | string, options: { reset?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('connect', () => {
      socket.write(bytes);
      // A client that resets at once leaves the server writing to a dead socket (ECONNRESET).
      if (options.reset) socket.resetAndDestroy();
      else socket.end();
    });
  });
}
