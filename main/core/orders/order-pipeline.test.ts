import Decimal from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderTicket } from '../../../shared/contract';
import { dispatch } from '../api/dispatch';
import { terminalOnDemoSim } from './test-support/terminal-on-demo-sim';

let t: Awaited<ReturnType<typeof terminalOnDemoSim>>;
beforeAll(async () => {
  t = await terminalOnDemoSim();
});
afterAll(async () => {
  await t.close();
});

const BTC = 'BTC-USD-PERP';
const ticket = (over: Partial<OrderTicket>): OrderTicket => ({ market: BTC, side: 'BUY', type: 'LIMIT', size: '0.001', sizeUnit: 'base', postOnly: false, reduceOnly: false, ...over });
const reference = () => new Decimal(t.terminal.referenceReading(BTC).price!);
const kindsFor = (clientId: string) => t.journal.query({ clientId, limit: 50 }).events.map((e) => e.kind);
const simKnows = (clientId: string) => t.sim.engine.orders().some((o) => o.clientId === clientId);

describe('order entry against the simulator over loopback', () => {
  it('journals the intent durably before sending and ends confirmed', async () => {
    const price = reference().times(0.97).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
    const outcome = await t.terminal.pipeline.place(ticket({ price }), 'ok-1');
    expect(outcome.outcome).toBe('confirmed');
    const kinds = kindsFor('ok-1');
    // The venue's own stream may report the order before its HTTP answer arrives; the intent precedes both.
    expect(kinds[0]).toBe('ORDER_INTENT');
    expect(kinds).toEqual(expect.arrayContaining(['ORDER_SENT', 'ORDER_ACK']));
    expect(simKnows('ok-1')).toBe(true);
  });

  it('denies an aggressive order outside the band and never sends it', async () => {
    const price = reference().times(1.05).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
    const outcome = await t.terminal.pipeline.place(ticket({ price }), 'far-1');
    expect(outcome).toMatchObject({ outcome: 'denied', reason: expect.stringContaining('above the independent price') });
    expect(kindsFor('far-1')).toEqual(['ORDER_INTENT', 'ORDER_DENIED']);
    expect(simKnows('far-1')).toBe(false);
  });

  it('checks a request crafted straight over the transport exactly as the ticket would', async () => {
    const price = reference().times(1.05).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
    const result = await dispatch(t.terminal.handlers, 'placeOrder', { market: BTC, side: 'BUY', type: 'LIMIT', size: '0.001', price });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'denied' } });
    const crafted = await dispatch(t.terminal.handlers, 'placeOrder', { market: BTC, side: 'BUY', type: 'LIMIT', size: '-1', price });
    expect(crafted).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('calls a 503 unresolved, never rejected, and a 4xx rejected', async () => {
    t.sim.engine.apply({ kind: 'apiOutage', mode: 'down', seconds: 2 });
    const price = reference().times(0.97).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
    const unresolved = await t.terminal.pipeline.place(ticket({ price }), 'outage-1');
    expect(unresolved.outcome).toBe('unresolved');
    expect(kindsFor('outage-1')).toContain('ORDER_UNRESOLVED');
    t.sim.engine.apply({ kind: 'status', status: 'cancel_only' });
    try {
      // The outage ends by the venue's own clock: wait until its REST answers again.
      while (!(await t.terminal.parts.venue.systemState()).ok) await new Promise((resolve) => setTimeout(resolve, 50));
      const rejected = await t.terminal.pipeline.place(ticket({ price }), 'cancel-only-1');
      expect(rejected).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('SYSTEM_STATUS_CANCEL_ONLY') });
    } finally {
      t.sim.engine.apply({ kind: 'status', status: 'ok' });
    }
  });

  it('never sends an aggressive order outside the band, whatever the inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -300, max: 300 }), fc.boolean(), async (bps, buy) => {
        const ref = reference();
        const price = ref.times(new Decimal(bps).div(10_000).plus(1)).toDecimalPlaces(1, Decimal.ROUND_DOWN);
        const clientId = `prop-${bps}-${buy ? 'b' : 's'}-${Math.random().toString(36).slice(2, 8)}`;
        const outcome = await t.terminal.pipeline.place(ticket({ side: buy ? 'BUY' : 'SELL', price: price.toString() }), clientId);
        const deviation = price.minus(ref).div(ref);
        const aggressive = buy ? deviation.gt(0) : deviation.lt(0);
        if (aggressive && deviation.abs().gt('0.0051')) {
          expect(outcome.outcome).toBe('denied');
          expect(simKnows(clientId)).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });

  // Last: it takes the journal away from the shared terminal.
  it('sends nothing when the journal cannot record, and says why', async () => {
    t.journal.close();
    const price = reference().times(0.97).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
    const outcome = await t.terminal.pipeline.place(ticket({ price }), 'no-journal-1');
    expect(outcome).toMatchObject({ outcome: 'denied', reason: expect.stringMatching(/^no journal, no trade: /) });
    expect(simKnows('no-journal-1')).toBe(false);
  });
});
