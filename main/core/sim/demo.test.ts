import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, VirtualClock } from '../clock';
import { DEMO_LOOP_MS, demoReference, startDemoSimulator } from './demo';
import type { Simulator } from './simulator';

const running: Simulator[] = [];
afterEach(async () => {
  for (const sim of running.splice(0)) await sim.stop();
});

describe('demo market', () => {
  const origin = Date.parse('2026-03-01T00:00:00Z');
  const reference = demoReference(origin);

  it('is a gentle walk that loops every hour without a jump', () => {
    for (const market of ['BTC-USD-PERP', 'ETH-USD-PERP']) {
      const start = reference.referenceAt(market, origin);
      expect(reference.referenceAt(market, origin + DEMO_LOOP_MS).toFixed()).toBe(start.toFixed());
      expect(reference.referenceAt(market, origin + 3 * DEMO_LOOP_MS + 1234).toFixed()).toBe(reference.referenceAt(market, origin + 1234).toFixed());
      let previous = start;
      let moved = false;
      for (let t = origin + 1000; t <= origin + DEMO_LOOP_MS; t += 1000) {
        const price = reference.referenceAt(market, t);
        // At most 4 bps a minute: well under 0.1 bp a second.
        expect(price.minus(previous).abs().div(previous).lt(new Decimal('0.00001'))).toBe(true);
        moved ||= !price.eq(start);
        previous = price;
      }
      expect(moved).toBe(true);
    }
  });

  it('is deterministic', () => {
    const again = demoReference(origin);
    for (const t of [origin, origin + 61_234, origin + 1_800_000]) {
      expect(again.referenceAt('BTC-USD-PERP', t).toFixed()).toBe(reference.referenceAt('BTC-USD-PERP', t).toFixed());
    }
  });

  it('starts venue and feeds with no configuration, on a virtual clock for replays', async () => {
    const clock = new VirtualClock(origin);
    const sim = await startDemoSimulator({ clock, venue: { pingIntervalMs: 0 } });
    running.push(sim);
    clock.advanceTo(origin + 90_000);
    const summary: any = await (await fetch(`${sim.venue.restUrl}/markets/summary?market=ALL`)).json();
    expect(summary.results.map((m: { symbol: string; mark_price: string }) => [m.symbol, m.mark_price])).toEqual([
      ['BTC-USD-PERP', reference.referenceAt('BTC-USD-PERP', origin + 90_000).toFixed()],
      ['ETH-USD-PERP', reference.referenceAt('ETH-USD-PERP', origin + 90_000).toFixed()],
    ]);
    const ticker: any = await (await fetch(`${sim.feeds.binance}/api/v3/ticker/price?symbol=BTCUSDT`)).json();
    expect(ticker.price).toBe(summary.results[0].mark_price);
  });

  it('starts on the system clock by default', async () => {
    const sim = await startDemoSimulator({ venue: { pingIntervalMs: 0 } });
    running.push(sim);
    expect(sim.engine.clock).toBe(systemClock);
    expect((await fetch(`${sim.venue.restUrl}/system/state`)).status).toBe(200);
  });
});
