/**
 * Every scenario file in scenarios/ parses, and each fault scenario, driven over the wire
 * (venue actions into the engine, the user's actions as REST calls to the simulator, a socket
 * subscribed to every channel) on a virtual clock, has the effect its name promises.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';
import { SIM_DEV_ACCOUNT, SIM_DEV_KEY } from './dev-credentials';
import { orderRequestOf } from './scenario-driver';
import { startScenarioSimulator, type Simulator } from './simulator';
import { TestSocket } from './test-socket';

const dir = new URL('../../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function load(name: string): Scenario {
  const parsed = parseScenario(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const running: Simulator[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const sim of running.splice(0)) await sim.stop();
});

interface Answer {
  status: number;
  json: any;
}

/** Runs a scenario over loopback; returns the HTTP answer to each user step (by clientId or step index). */
async function runOverTheWire(scenario: Scenario) {
  const clock = new VirtualClock(scenario.start);
  const sim = await startScenarioSimulator(scenario, { clock, venue: { pingIntervalMs: 0 } });
  running.push(sim);
  const http = async (method: string, path: string, jwt: string | null, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = jwt
      ? { Authorization: `Bearer ${jwt}` }
      : { 'PARADEX-STARKNET-ACCOUNT': SIM_DEV_ACCOUNT, 'PARADEX-STARKNET-SIGNATURE': JSON.stringify([SIM_DEV_KEY, '0']) };
    const res = await fetch(`${sim.venue.restUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  let token = { jwt: '', at: -Infinity };
  const jwt = async () => {
    // Paradex tokens live 5 minutes; renew after 3, as a client should (an outage may refuse it).
    if (clock.now() - token.at >= 180_000) {
      const answer = await http('POST', '/auth', null);
      if (answer.status === 200) token = { jwt: answer.json.jwt_token, at: clock.now() };
    }
    return token.jwt;
  };
  const socket = await TestSocket.open(sim.venue.wsUrl);
  sockets.push(socket);
  await socket.rpc('auth', { bearer: await jwt() });
  for (const channel of ['markets_summary', 'orders.ALL', 'fills.ALL', 'positions', 'account', 'tradebusts']) await socket.rpc('subscribe', { channel });

  const answers = new Map<string, Answer>();
  const heights: { at: number; height: number }[] = [];
  for (const step of scenario.steps) {
    clock.advanceTo(step.at);
    heights.push({ at: step.at, height: sim.engine.height() });
    if (step.actor === 'venue') {
      sim.engine.apply(step.action);
    } else {
      const a = step.action;
      if (a.kind === 'place') answers.set(a.clientId, await http('POST', '/orders', await jwt(), orderRequestOf(a)));
      if (a.kind === 'cancel') answers.set(`cancel ${a.clientId}`, await http('DELETE', `/orders/by_client_id/${a.clientId}`, await jwt()));
      if (a.kind === 'cancelAll') answers.set(`cancelAll ${step.index}`, await http('DELETE', `/orders${a.market ? `?market=${a.market}` : ''}`, await jwt()));
    }
    await sim.server.idle();
  }
  clock.advanceTo(scenario.until);
  const final = await jwt();
  const get = async (path: string) => (await http('GET', path, final)).json;
  const order = async (clientId: string) => http('GET', `/orders/by_client_id/${clientId}`, final);
  return { sim, clock, socket, answers, heights, get, order };
}

const codeOf = (a: Answer | undefined) => (a ? (a.status >= 400 ? `${a.status} ${a.json?.error}` : String(a.status)) : 'none');

describe('scenario files', () => {
  it.each(files)('%s parses', (file) => {
    const parsed = parseScenario(readFileSync(new URL(file, dir), 'utf8'));
    expect(parsed.ok ? parsed.value.name : parsed.error.message).toBe(file.replace(/\.json$/, ''));
  });

  it('cover every venue action', () => {
    const kinds = new Set(files.flatMap((f) => load(f.replace(/\.json$/, '')).steps.map((s) => (s.actor === 'venue' ? s.action.kind : null))));
    for (const kind of ['status', 'snapshot', 'rollback', 'markOverride', 'markRelease', 'oracleFreeze', 'oracleRelease', 'cancelOpenOrders', 'bustFill', 'apiOutage', 'disconnect', 'halt', 'settle', 'liquidityDrain']) {
      expect(kinds).toContain(kind);
    }
  });
});

describe('fault scenarios over the wire', () => {
  it('venue-status: each mode admits exactly what it should', async () => {
    const run = await runOverTheWire(load('venue-status'));
    expect(Object.fromEntries([...run.answers].map(([k, a]) => [k, codeOf(a)]))).toEqual({
      O1: '201', M1: '400 SERVICE_UNAVAILABLE', 'cancel O1': '204', A1: '400 SYSTEM_STATUS_CANCEL_ONLY',
      A2: '400 SYSTEM_STATUS_POST_ONLY', P1: '201', A3: '201',
    });
    expect((await run.order('O1')).json.cancel_reason).toBe('USER_CANCELED');
    expect((await run.order('P1')).json.status).toBe('OPEN');
    expect((await run.order('A3')).json).toMatchObject({ status: 'CLOSED', remaining_size: '0' });
    expect(await run.get('/system/state')).toEqual({ status: 'ok' });
  });

  it('venue-rollback: the fill and the cancel after the snapshot vanish and the height goes back', async () => {
    const scenario = load('venue-rollback');
    const run = await runOverTheWire(scenario);
    expect((await run.order('L2')).status).toBe(404);
    expect((await run.order('O1')).json).toMatchObject({ status: 'OPEN', cancel_reason: '' });
    expect((await run.get('/fills')).results.map((f: { client_id: string }) => f.client_id)).toEqual(['L1']);
    expect((await run.get('/positions')).results[0]).toMatchObject({ size: '0.2' });
    const snapshotHeight = run.heights[2].height;
    const rollbackAt = scenario.steps[5].at;
    expect(run.sim.engine.height()).toBe(snapshotHeight + (scenario.until - rollbackAt) / 1000);
    // The L2 fill had been streamed before the rollback took it back.
    expect(await run.socket.frame('fills.ALL', (f: { client_id: string }) => f.client_id === 'L2')).toBeDefined();
  });

  it('venue-mark-override: the corrupted mark liquidates at 61000, then the mark returns to the reference', async () => {
    const run = await runOverTheWire(load('venue-mark-override'));
    const liquidation = await run.socket.frame('fills.ALL', (f: { fill_type: string }) => f.fill_type === 'LIQUIDATION');
    expect(liquidation).toMatchObject({ client_id: 'liq-1', price: '61000', size: '0.5', fee: '152.5' });
    expect((await run.get('/markets/summary?market=BTC-USD-PERP')).results[0].mark_price).toBe('95000');
  });

  it('venue-oracle-freeze: the mark holds while the reference falls; the stop fires only on release', async () => {
    const scenario = load('venue-oracle-freeze');
    const run = await runOverTheWire(scenario);
    const fills = (await run.get('/fills')).results.reverse();
    expect(fills.map((f: { client_id: string }) => f.client_id)).toEqual(['L1', 'SL1']);
    // Released at 00:08:00 with the reference at 3060: the stop sells at the bid then.
    expect(fills[1]).toMatchObject({ created_at: scenario.start + 480_000, price: '3059.69', fill_type: 'FILL' });
    const marks = run.socket.drain('markets_summary').map((m) => (m as { mark_price: string; created_at: number }));
    const frozen = marks.filter((m) => m.created_at > scenario.start + 60_000 && m.created_at < scenario.start + 480_000);
    expect(new Set(frozen.map((m) => m.mark_price))).toEqual(new Set(['3270']));
  });

  it('venue-cancel-open-orders: everything but TP/SL is cancelled with the venue\'s reason', async () => {
    const run = await runOverTheWire(load('venue-cancel-open-orders'));
    const state = async (c: string) => {
      const o = (await run.order(c)).json;
      return [o.status, o.cancel_reason];
    };
    expect(await state('O1')).toEqual(['CLOSED', 'ADMIN_CANCEL']);
    expect(await state('O2')).toEqual(['CLOSED', 'ADMIN_CANCEL']);
    expect(await state('TP1')).toEqual(['UNTRIGGERED', '']);
    expect(await state('SL1')).toEqual(['UNTRIGGERED', '']);
  });

  it('venue-bust-fill: the busted fill leaves position, fees and history, and shows in tradebusts', async () => {
    const run = await runOverTheWire(load('venue-bust-fill'));
    const fills = (await run.get('/fills')).results;
    expect(fills.map((f: { client_id: string }) => f.client_id)).toEqual(['L1']);
    const bust = await run.socket.frame('tradebusts');
    expect((await run.get('/tradebusts')).results).toEqual([bust]);
    expect((await run.get('/positions')).results[0].size).toBe('0.2');
    // 10000 − 0.0003 × 95009.5 × 0.2: only L1's fee remains.
    expect((await run.get('/account')).total_collateral).toBe('9994.29943');
  });

  it('venue-api-outage-errors-but-accepts: 503 answers, yet both orders executed', async () => {
    const run = await runOverTheWire(load('venue-api-outage-errors-but-accepts'));
    expect([codeOf(run.answers.get('C1')), codeOf(run.answers.get('O1'))]).toEqual(['503 SERVICE_UNAVAILABLE', '503 SERVICE_UNAVAILABLE']);
    expect(await run.socket.closed).toBe(1006);
    expect((await run.order('C1')).json).toMatchObject({ status: 'CLOSED', remaining_size: '0' });
    expect((await run.order('O1')).json.status).toBe('OPEN');
    expect((await run.get('/positions')).results[0].size).toBe('0');
  });

  it('venue-api-outage-down: 503 and nothing executed; after the outage orders work again', async () => {
    const run = await runOverTheWire(load('venue-api-outage-down'));
    expect([codeOf(run.answers.get('C1')), codeOf(run.answers.get('C2'))]).toEqual(['503 SERVICE_UNAVAILABLE', '201']);
    expect(await run.socket.closed).toBe(1006);
    expect((await run.order('C1')).status).toBe(404);
    expect((await run.get('/positions')).results[0].size).toBe('0');
  });

  it('venue-disconnect: the socket is dropped, REST keeps working, the resting order fills unseen', async () => {
    const scenario = load('venue-disconnect');
    const run = await runOverTheWire(scenario);
    expect(await run.socket.closed).toBe(1006);
    const [fill] = (await run.get('/fills')).results;
    expect(fill).toMatchObject({ client_id: 'O1', price: '94000', liquidity: 'MAKER' });
    expect(fill.created_at).toBeGreaterThan(scenario.start + 30_000);
    expect(fill.created_at).toBeLessThan(scenario.start + 150_000);
    expect(run.socket.drain('fills.ALL')).toEqual([]);
  });

  it('venue-halt: no blocks, the cancel and the order time out, status stays ok', async () => {
    const scenario = load('venue-halt');
    const run = await runOverTheWire(scenario);
    expect([codeOf(run.answers.get('cancel O1')), codeOf(run.answers.get('B1'))]).toEqual(['504 TIMEOUT', '504 TIMEOUT']);
    // Recorded before each step: the halt begins at 00:01:00, after that second's block.
    expect(run.heights[3].height).toBe(run.heights[2].height);
    expect(run.heights[4].height).toBe(run.heights[2].height);
    // The halt covers [00:01:00, 00:06:00): the block due at 00:06:00 is the first one again.
    expect(run.sim.engine.height()).toBe(run.heights[2].height + (scenario.until - scenario.steps[2].at - 300_000) / 1000 + 1);
    expect((await run.order('O1')).json.status).toBe('OPEN');
    expect((await run.order('B1')).status).toBe(404);
    expect(await run.get('/system/state')).toEqual({ status: 'ok' });
  });

  it('venue-settle: closes at the settlement price, cancels the market\'s orders, refuses new ones', async () => {
    const run = await runOverTheWire(load('venue-settle'));
    const [settlement] = (await run.get('/fills')).results;
    expect(settlement).toMatchObject({ fill_type: 'SETTLE_MARKET', side: 'BUY', price: '94000', size: '0.2', fee: '0' });
    expect((await run.order('O1')).json.cancel_reason).toBe('ASSET_EXPIRED');
    expect(codeOf(run.answers.get('A1'))).toBe('400 MARKET_NOT_OPEN');
  });

  it('venue-liquidity-drain: 500 bps away during the drain, 1 bp after', async () => {
    const run = await runOverTheWire(load('venue-liquidity-drain'));
    const fills = (await run.get('/fills')).results.reverse();
    expect(fills.map((f: { client_id: string; price: string }) => [f.client_id, f.price])).toEqual([['L1', '97375'], ['L2', '95009.5']]);
  });

  it('is deterministic: the same scenario twice streams the same frames', async () => {
    const frames = [];
    for (let i = 0; i < 2; i++) {
      const run = await runOverTheWire(load('venue-rollback'));
      await run.sim.server.idle();
      const last = await run.socket.frame('markets_summary', (m: { created_at: number }) => m.created_at === load('venue-rollback').until);
      frames.push([...['orders.ALL', 'fills.ALL', 'positions', 'account', 'markets_summary'].map((c) => run.socket.drain(c)), last]);
    }
    expect(frames[0]).toEqual(frames[1]);
    expect((frames[0][0] as unknown[]).length).toBeGreaterThan(0);
  });
});
