import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract-names';
import type { TerminalSnapshot } from '../../../shared/snapshot';
import { LIMITS } from './connection-limits';
import { call, callMethod, closed, httpGet, openSocket, rawExchange, wsUrl, type Served, servedTerminal } from './test-support/clients';

let served: Served;
beforeAll(async () => {
  served = await servedTerminal();
});
afterAll(async () => {
  await served.close();
});
const host = () => served.host;

/** The host still answers a well-behaved page: the check after every attack. */
async function stillServesAPage() {
  expect(await httpGet(host(), '/')).toBe(200);
  const ws = await openSocket(host());
  const reply = await callMethod(ws, 1, 'getSnapshot');
  expect(reply.result.ok).toBe(true);
  ws.close();
}

describe('web host: who may reach it', () => {
  it('listens on the loopback address only', async () => {
    expect(host().address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(host().url.startsWith(`http://127.0.0.1:${host().port}/?token=`)).toBe(true);
    // From any other address of this machine the port is closed.
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal);
    for (const other of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect(host().port, other!.address);
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(refused, other!.address).toBe(true);
    }
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    await expect(openSocket(host(), { url: `ws://127.0.0.1:${host().port}/ws` })).rejects.toThrow(/401/);
    await expect(openSocket(host(), { url: wsUrl(host(), 'x'.repeat(host().token.length)) })).rejects.toThrow(/401/);
  });

  it('refuses a WebSocket upgrade that names another host (DNS rebinding), even with the token', async () => {
    await expect(openSocket(host(), { headers: { host: `evil.example:${host().port}` } })).rejects.toThrow(/401/);
    const ws = await openSocket(host(), { headers: { host: `localhost:${host().port}` }, origin: `http://localhost:${host().port}` });
    ws.close();
  });

  it("serves the socket only to the host's own page: a foreign or missing Origin is refused, even with the token", async () => {
    await expect(openSocket(host(), { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket(host(), { origin: `http://127.0.0.1:${host().port + 1}` })).rejects.toThrow(/403/);
    await expect(openSocket(host(), { origin: null })).rejects.toThrow(/403/);
    await stillServesAPage();
  });

  it('serves the page only to its own host name, and nothing outside the static folder', async () => {
    expect(await httpGet(host(), '/')).toBe(200);
    expect(await httpGet(host(), '/', `evil.example:${host().port}`)).toBe(421);
    expect(await httpGet(host(), '/../secret.txt')).toBe(404);
    expect(await httpGet(host(), '/%2e%2e/secret.txt')).toBe(404);
    expect(await httpGet(host(), '/%00index.html')).toBe(404);
  });
});

describe('web host: journal review', () => {
  it('opens for review only journals in its folders, with one answer for missing and refused paths', async () => {
    const ws = await openSocket(host());
    for (const [i, path] of ['/proc/self/environ', '/etc/passwd', `${served.dataDir}/missing.db`, `${served.dataDir}/secret.txt`].entries()) {
      expect((await callMethod(ws, 10 + i, 'openJournalForReview', { path })).result, path).toEqual({ ok: false, error: { code: 'CANNOT_OPEN', message: expect.stringContaining(`cannot open ${path} for review`) } });
    }
    expect((await callMethod(ws, 20, 'openJournalForReview', { path: `${served.dataDir}/journal.db` })).result).toMatchObject({ ok: true, value: { readOnly: false } });
    ws.close();
  });
});

describe('web host: nothing a client sends ends it', () => {
  it('answers URLs that do not decode with 404 (a foreign page can request them with an <img>)', async () => {
    expect(await httpGet(host(), '/%')).toBe(404);
    expect(await httpGet(host(), '/%E0%A4%A')).toBe(404);
    expect(await rawExchange(host(), `GET // HTTP/1.1\r\nHost: 127.0.0.1:${host().port}\r\n\r\n`)).toMatch(/^HTTP\/1.1 (400|404)/);
    expect(await rawExchange(host(), 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
    await stillServesAPage();
  });

  it('survives clients that reset token-less upgrades before the refusal is written', async () => {
    const upgrade = `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${host().port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    for (let round = 0; round < 10; round++) await Promise.all(Array.from({ length: 50 }, () => rawExchange(host(), upgrade, { reset: true })));
    await stillServesAPage();
  });

  it('answers frames that are not a call object (null, numbers, arrays, binary) with BAD_REQUEST', async () => {
    const ws = await openSocket(host());
    for (const frame of ['null', '1', '[]', '"x"', '{"id":"1"}', '{"id":-5,"method":"getSnapshot"}', 'not json']) {
      expect((await call(ws, frame)).result, frame).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
    }
    expect((await call(ws, Buffer.from('{"id":1}'))).result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await call(ws, JSON.stringify({ id: 7, method: 7 }), 7)).result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    ws.close();
  });

  it('closes a connection that sends a frame over 1 MiB (1009) and goes on serving', async () => {
    const ws = await openSocket(host());
    const code = closed(ws);
    ws.send('x'.repeat(LIMITS.maxFrameBytes + 1));
    expect(await code).toBe(1009);
    await stillServesAPage();
  });

  it('closes a connection that sends a text frame of invalid UTF-8 (1007) and goes on serving', async () => {
    const ws = await openSocket(host());
    const code = closed(ws);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await code).toBe(1007);
    await stillServesAPage();
  });

  it('answers malformed requests with clear errors and changes nothing', async () => {
    const ws = await openSocket(host());
    const before = (await callMethod(ws, 1, 'getSnapshot')).result as { ok: true; value: TerminalSnapshot };
    expect(before.ok).toBe(true);
    expect((await callMethod(ws, 2, 'dropTables')).result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    for (const [i, method] of METHOD_NAMES.entries()) {
      for (const params of ['a string', [1, 2], { injected: true, market: 7 }]) {
        const reply = await callMethod(ws, 100 + i, method, params);
        expect(reply.result, `${method} with ${JSON.stringify(params)}`).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS', message: expect.stringContaining(method) } });
      }
    }
    const after = (await callMethod(ws, 3, 'getSnapshot')).result as { ok: true; value: TerminalSnapshot };
    expect(after.value.openOrders).toEqual(before.value.openOrders);
    expect(after.value.positions).toEqual(before.value.positions);
    ws.close();
  });
});

describe('web host: one connection cannot starve another', () => {
  it('refuses calls beyond the in-flight limit with a clear code, closes a connection that will not slow down, and serves others meanwhile', async () => {
    const flood = await openSocket(host());
    const codes = new Map<string, number>();
    flood.on('message', (data) => {
      const reply = JSON.parse(data.toString());
      if (!('id' in reply)) return;
      const code = reply.result.ok ? 'ok' : reply.result.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    });
    const floodClosed = closed(flood);
    const frame = JSON.stringify({ id: 1, method: 'getSnapshot', params: {} });
    for (let i = 0; i < 5000; i++) flood.send(frame);
    await stillServesAPage();
    expect(await floodClosed).toBe(1008);
    expect(codes.get('TOO_MANY_IN_FLIGHT') ?? 0).toBeGreaterThan(0);
    expect(codes.get('ok') ?? 0).toBeLessThanOrEqual(LIMITS.burst);
  });

  it('refuses connections beyond its limit with 503 and takes new ones once others close', async () => {
    const open = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => openSocket(host()).catch(() => null)));
    await expect(openSocket(host())).rejects.toThrow(/503/);
    for (const ws of open) ws?.terminate();
    await expect.poll(async () => openSocket(host()).then((ws) => (ws.close(), true), () => false)).toBe(true);
  });

  it('pushes price events to an authorised client', async () => {
    const ws = await openSocket(host());
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
