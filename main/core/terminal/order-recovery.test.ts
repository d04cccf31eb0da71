/** Restore of venue-cancelled orders and the trader's retry of unresolved commands, over the demo simulator. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RestoredOrderView } from '../../../shared/incidents';
import type { OrderOutcomeView } from '../../../shared/orders';
import { dispatch } from '../api/dispatch';
import { terminalOnDemoSim } from '../orders/test-support/terminal-on-demo-sim';

const MARKET = 'BTC-USD-PERP';
type Running = Awaited<ReturnType<typeof terminalOnDemoSim>>;
let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50));
};

async function restingBid(run: Running): Promise<string> {
  const price = (Number(run.terminal.referenceReading(MARKET).price) * 0.998).toFixed(1);
  const placed = await dispatch(run.terminal.handlers, 'placeOrder', { market: MARKET, side: 'BUY', type: 'LIMIT', size: '0.001', price });
  expect(placed).toMatchObject({ ok: true, value: { outcome: 'confirmed' } });
  return (placed as { value: OrderOutcomeView }).value.clientId!;
}

describe('order recovery', () => {
  it('restores each venue-cancelled order once, through the band check', async () => {
    running = await terminalOnDemoSim();
    const { terminal, sim } = running;
    const clientId = await restingBid(running);
    sim.engine.apply({ kind: 'cancelOpenOrders', except: [], reason: 'ADMIN_SWEEP' });
    await until(() => terminal.journalOrders({ clientId })[0]?.state === 'CLOSED');

    const first = await dispatch(terminal.handlers, 'restoreCancelled', {});
    expect(first).toMatchObject({ ok: true, value: [{ restoredFrom: clientId, clientId: `${clientId}-R`, outcome: 'confirmed', band: { allowed: true } }] });
    expect((first as { value: RestoredOrderView[] }).value[0].band?.reference).toMatch(/^\d+(\.\d+)?$/);
    expect(await dispatch(terminal.handlers, 'restoreCancelled', {})).toEqual({ ok: true, value: [] });
  });

  it('retries an order that did not go through only on request, under a linked client id, once', async () => {
    running = await terminalOnDemoSim();
    const { terminal, sim } = running;
    const price = (Number(terminal.referenceReading(MARKET).price) * 0.998).toFixed(1);
    sim.engine.apply({ kind: 'apiOutage', mode: 'down', seconds: 1 });
    const placed = await dispatch(terminal.handlers, 'placeOrder', { market: MARKET, side: 'BUY', type: 'LIMIT', size: '0.001', price });
    expect(placed).toMatchObject({ ok: true, value: { outcome: 'unresolved' } });
    const clientId = (placed as { value: OrderOutcomeView }).value.clientId!;
    expect(terminal.snapshot().openOrders.find((o) => o.clientId === clientId)?.outcome).toBe('unresolved');

    await until(() => sim.engine.connectivity().apiOutage === null);
    const retried = await dispatch(terminal.handlers, 'retryCommand', { clientId });
    expect(retried).toEqual({ ok: true, value: { clientId: `${clientId}-T`, outcome: 'confirmed', reason: null } });
    expect(terminal.journalOrders({ clientId: `${clientId}-T` })).toHaveLength(1);
    expect(terminal.snapshot().openOrders.some((o) => o.clientId === clientId)).toBe(false);
    expect(await dispatch(terminal.handlers, 'retryCommand', { clientId })).toMatchObject({ ok: false, error: { code: 'ALREADY_RETRIED' } });
    expect(await dispatch(terminal.handlers, 'retryCommand', { clientId: `${clientId}-T` })).toMatchObject({ ok: false, error: { code: 'NOT_UNRESOLVED' } });
  });

  it('shows a cancel that did not go through and sends it again on request', async () => {
    running = await terminalOnDemoSim();
    const { terminal, sim } = running;
    const clientId = await restingBid(running);
    sim.engine.apply({ kind: 'apiOutage', mode: 'down', seconds: 1 });
    expect(await dispatch(terminal.handlers, 'cancelOrder', { clientId })).toMatchObject({ ok: true, value: { outcome: 'unresolved' } });
    await until(() => terminal.snapshot().openOrders.some((o) => o.clientId === clientId));
    expect(terminal.snapshot().openOrders.find((o) => o.clientId === clientId)).toMatchObject({ outcome: 'unresolved', reason: expect.stringMatching(/^cancel did not go through/) });

    await until(() => sim.engine.connectivity().apiOutage === null);
    expect(await dispatch(terminal.handlers, 'retryCommand', { clientId })).toEqual({ ok: true, value: { clientId, outcome: 'confirmed', reason: null } });
    expect(terminal.snapshot().openOrders.find((o) => o.clientId === clientId)?.outcome).not.toBe('unresolved');
  });
});
