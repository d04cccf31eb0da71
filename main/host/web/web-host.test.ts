import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES } from '../../../shared/contract-names';
import type { Result } from '../../../shared/result';
import type { TerminalSnapshot } from '../../../shared/snapshot';
import { confSettings } from '../../core/settings/conf-settings';
import { startBlackbox } from '../../core/terminal/start-terminal';
import { startWebHost, type WebHost } from './web-host';

let host: WebHost;
let terminal: Awaited<ReturnType<typeof startBlackbox>>;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bb-webhost-'));
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dataDir, 'secret.txt'), 'not for the web');
  terminal = await startBlackbox({ dataDir, settings: confSettings(dataDir), scenarioDir: join(import.meta.dirname, '../../../scenarios') });
  host = await startWebHost({ service: terminal, staticDir });
});
afterAll(async () => {
  await host.close();
  await terminal.close();
});

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, message: string): Promise<{ id: number; result: Result<unknown> }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString());
      if ('id' in parsed) {
        ws.off('message', onMessage);
        resolve(parsed);
      }
    };
    ws.on('message', onMessage);
    ws.send(message);
  });
}

function httpGet(path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

const wsUrl = (token: string) => `ws://127.0.0.1:${host.port}/ws?token=${token}`;

describe('web host', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(host.url.startsWith(`http://127.0.0.1:${host.port}/?token=`)).toBe(true);
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    await expect(open(`ws://127.0.0.1:${host.port}/ws`)).rejects.toThrow(/401/);
    await expect(open(wsUrl('x'.repeat(host.token.length)))).rejects.toThrow(/401/);
  });

  it('serves the page only to its own host name, and nothing outside the static folder', async () => {
    expect(await httpGet('/', `127.0.0.1:${host.port}`)).toBe(200);
    expect(await httpGet('/', `evil.example:${host.port}`)).toBe(421);
    expect(await httpGet('/../secret.txt', `127.0.0.1:${host.port}`)).toBe(404);
    expect(await httpGet('/%2e%2e/secret.txt', `127.0.0.1:${host.port}`)).toBe(404);
  });

  it('answers malformed requests with clear errors and changes nothing', async () => {
    const ws = await open(wsUrl(host.token));
    const before = (await call(ws, JSON.stringify({ id: 1, method: 'getSnapshot', params: {} }))).result as { ok: true; value: TerminalSnapshot };
    expect(before.ok).toBe(true);

    expect((await call(ws, 'not json')).result).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
    expect((await call(ws, JSON.stringify({ id: 2, method: 'dropTables', params: {} }))).result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    for (const [i, method] of METHOD_NAMES.entries()) {
      for (const params of ['a string', [1, 2], { injected: true, market: 7 }]) {
        const reply = await call(ws, JSON.stringify({ id: 100 + i, method, params }));
        expect(reply.result, `${method} with ${JSON.stringify(params)}`).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS', message: expect.stringContaining(method) } });
      }
    }
    const after = (await call(ws, JSON.stringify({ id: 3, method: 'getSnapshot', params: {} }))).result as { ok: true; value: TerminalSnapshot };
    expect(after.value.openOrders).toEqual(before.value.openOrders);
    expect(after.value.positions).toEqual(before.value.positions);
    ws.close();
  });

  it('pushes price events to an authorised client', async () => {
    const ws = await open(wsUrl(host.token));
    const event = await new Promise<{ event: string; payload: { market: string } }>((resolve) => {
      ws.on('message', (data) => {
        const parsed = JSON.parse(data.toString());
        if (parsed.event === 'price') resolve(parsed);
      });
    });
    expect(event.payload.market).toMatch(/-USD-PERP$/);
    ws.close();
  });
});
