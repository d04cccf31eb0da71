/**
 * Fuzz: random bytes, HTTP targets, upgrades (with and without the token) and WebSocket frames
 * against a served terminal. Whatever arrives, the host must go on serving a good page and the
 * journal must still verify. 10,000 inputs per run; the seed is in every failure message.
 */
import fc from 'fast-check';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract-names';
import { callMethod, httpGet, openSocket, rawExchange, type Served, servedTerminal } from './test-support/clients';

const INPUTS = 10_000;
const BATCH = 250;
const seed = Number(process.env.BLACKBOX_FUZZ_SEED ?? Date.now() % 2 ** 31);

let served: Served;
beforeAll(async () => {
  // Limits are raised so that fuzz frames reach the contract instead of the rate limiter (tested on its own).
  served = await servedTerminal({ limits: { callsPerSecond: 1e9, burst: 1e9, maxInFlight: 1e6, maxRefusalsPerSecond: 1e9 } });
});
afterAll(async () => {
  await served.close();
});

const FIELDS = ['market', 'side', 'type', 'size', 'price', 'triggerPrice', 'sizeUnit', 'reduceOnly', 'clientId', 'path', 'settings', 'id', 'limit', 'seqs', 'speed', 'scenario', 'fault', 'band', 'maxNotional'];
const text = fc.string({ unit: 'binary', maxLength: 80 });
const params = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.stringMatching(/^\d{1,60}(\.\d{0,60})?$/)), { maxKeys: 5 }));
const call = fc.record({ id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()), method: fc.oneof(fc.constantFrom(...METHOD_NAMES), text), params });

type Input =
  | { kind: 'frame'; text: string }
  | { kind: 'binary'; bytes: Uint8Array; asText: boolean }
  | { kind: 'get'; target: string }
  | { kind: 'upgrade'; target: string; withToken: boolean; origin: string | null }
  | { kind: 'bytes'; bytes: Uint8Array };

const input: fc.Arbitrary<Input> = fc.oneof(
  { weight: 5, arbitrary: fc.oneof(call.map((c) => JSON.stringify(c)), text, fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null')).map((t) => ({ kind: 'frame' as const, text: t })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: fc.uint8Array({ maxLength: 64 }), asText: fc.boolean() }) },
  { weight: 2, arbitrary: fc.oneof(text, fc.webPath(), fc.webUrl()).map((t) => ({ kind: 'get' as const, target: t })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('upgrade' as const), target: fc.oneof(text, fc.webPath()), withToken: fc.boolean(), origin: fc.option(fc.oneof(text, fc.webUrl())) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 200 }) }) },
);

describe('web host under random input', () => {
  it(`serves a good page and keeps a verifying journal through ${INPUTS} random inputs (seed ${seed})`, async () => {
    const { host } = served;
    const inputs = fc.sample(input, { numRuns: INPUTS, seed });
    // One fuzz connection at a time, opened once however many frames wait for it; a connection
    // the host closed (1007, 1009) is replaced.
    let fuzzSocket: Promise<WebSocket> | null = null;
    // A call the contract accepted must never end in INTERNAL: bounds belong in the schemas.
    const internal: string[] = [];
    const fuzzConnection = async (): Promise<WebSocket> => {
      const pending = fuzzSocket;
      if (pending) {
        const ws = await pending;
        if (ws.readyState === ws.OPEN) return ws;
        if (fuzzSocket !== pending) return fuzzConnection();
        ws.terminate();
      }
      fuzzSocket = openSocket(host).then((ws) => {
        ws.on('error', () => {});
        ws.on('message', (data) => {
          const reply = JSON.parse(data.toString());
          if (reply.result?.error?.code === 'INTERNAL') internal.push(reply.result.error.message);
        });
        return ws;
      });
      return fuzzSocket;
    };
    const feed = async (item: Input) => {
      const own = `127.0.0.1:${host.port}`;
      switch (item.kind) {
        case 'frame':
          return (await fuzzConnection()).send(item.text);
        case 'binary':
          return (await fuzzConnection()).send(item.bytes, { binary: !item.asText });
        case 'get':
          return rawExchange(host, Buffer.from(`GET ${item.target} HTTP/1.1\r\nHost: ${own}\r\n\r\n`, 'latin1'));
        case 'upgrade': {
          const target = item.withToken ? `/ws?token=${host.token}&x=${item.target}` : item.target;
          const origin = item.origin === null ? '' : `Origin: ${item.origin}\r\n`;
          const request = `GET ${target} HTTP/1.1\r\nHost: ${own}\r\n${origin}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
          return rawExchange(host, Buffer.from(request, 'latin1'), { reset: true });
        }
        case 'bytes':
          return rawExchange(host, Buffer.from(item.bytes));
      }
    };

    const good = await openSocket(host);
    for (let start = 0, id = 1; start < inputs.length; start += BATCH, id++) {
      await Promise.all(inputs.slice(start, start + BATCH).map(feed));
      expect(await httpGet(host, '/'), `seed ${seed}, after input ${start + BATCH}`).toBe(200);
      expect((await callMethod(good, id, 'getSnapshot')).result.ok, `seed ${seed}, after input ${start + BATCH}`).toBe(true);
    }
    expect(internal, `seed ${seed}`).toEqual([]);
    const verified = (await callMethod(good, 100_000, 'verifyJournal')).result as { ok: true; value: { verified: boolean; events: number } };
    expect(verified.value, `seed ${seed}`).toMatchObject({ verified: true });
    expect(verified.value.events).toBeGreaterThan(0);
    good.close();
  }, 120_000);
});
