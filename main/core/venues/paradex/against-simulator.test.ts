import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { startDemoSimulator } from '../../sim/demo';
import type { Simulator } from '../../sim/simulator';
import type { VenueEvent } from '../port';
import { ParadexAdapter } from './adapter';
import { SimDevAuthenticator } from '../../sim/dev-authenticator';

let sim: Simulator;
let adapter: ParadexAdapter;
const events: VenueEvent[] = [];

beforeAll(async () => {
  sim = await startDemoSimulator({ clock: systemClock });
  const { restUrl, wsUrl, rpcUrl } = sim.venue;
  adapter = new ParadexAdapter({
    restUrl, wsUrl, rpcUrl, markets: [], clock: systemClock, auth: new SimDevAuthenticator({ restUrl, clock: systemClock, timeoutMs: 2_000 }),
    backoff: { initialMs: 100, maxMs: 400, factor: 2 }, statusPollMs: null, chainPollMs: null,
  });
  adapter.subscribe((e) => events.push(e));
  await adapter.connect();
});
afterAll(async () => {
  await adapter.close();
  await sim.stop();
});

/** Resolves with the first event from now on that matches. */
function next(match: (e: VenueEvent) => boolean): Promise<VenueEvent> {
  return new Promise((resolve) => {
    const stop = adapter.subscribe((e) => {
      if (match(e)) {
        stop();
        resolve(e);
      }
    });
  });
}

describe('the Paradex adapter against the simulator over loopback', () => {
  it('is connected, reads the markets and streams marks', async () => {
    expect(events.some((e) => e.kind === 'connection' && e.state === 'up')).toBe(true);
    const markets = await adapter.markets();
    expect(markets.ok && markets.value.map((m) => m.symbol)).toEqual(['BTC-USD-PERP', 'ETH-USD-PERP']);
    expect(markets.ok && markets.value[0].maintenanceMargin).toBe('0.03');
    await next((e) => e.kind === 'price');
  });

  it('reads the balance and the (empty) funding history the simulator keeps, with no drift from its shapes', async () => {
    const balances = await adapter.balances();
    expect(balances).toMatchObject({ ok: true, value: [{ asset: 'USDC', size: expect.stringMatching(/^\d/) }], malformed: [] });
    expect(await adapter.funding({ since: 0 })).toMatchObject({ ok: true, value: [], malformed: [] });
    await adapter.positions();
    await adapter.account();
    expect(events.filter((e) => e.kind === 'schema_drift')).toEqual([]);
  });

  it("the simulator's order, fill and position shapes, over REST and the stream, are what the readers know: no drift", async () => {
    const filled = next((e) => e.kind === 'fill' && e.fill.clientId === 'drift-1');
    const placed = await adapter.placeOrder({ clientId: 'drift-1', market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.001' });
    expect(placed.outcome).toBe('accepted');
    await filled;
    await adapter.ordersHistory({ since: 0 });
    await adapter.fills({ since: 0 });
    await adapter.positions();
    expect(events.filter((e) => e.kind === 'schema_drift')).toEqual([]);
  });

  it('reconnects with backoff after the venue drops and refuses its sockets, and subscribes again', async () => {
    const down = next((e) => e.kind === 'connection' && e.state === 'down');
    sim.engine.apply({ kind: 'disconnect', seconds: 1 });
    expect(await down).toMatchObject({ kind: 'connection', state: 'down', retryInMs: expect.any(Number) });
    const up = await next((e) => e.kind === 'connection' && e.state === 'up');
    expect(up).toMatchObject({ reason: expect.stringContaining('subscribed to markets_summary') });
    await next((e) => e.kind === 'price');
  });

  it('reports a 503 during an API outage as an error answer, and recovers after it', async () => {
    sim.engine.apply({ kind: 'apiOutage', mode: 'down', seconds: 1 });
    const during = await adapter.systemState();
    expect(during).toMatchObject({ ok: false, error: { kind: 'http', httpStatus: 503 } });
    await next((e) => e.kind === 'connection' && e.state === 'up');
    const after = await adapter.systemState();
    expect(after).toMatchObject({ ok: true, value: 'ok' });
  });
});
