/**
 * Simulator benchmarks: orders placed and matched per second straight through the engine, and
 * through the Paradex REST server with fetch over loopback (one request at a time, so the
 * figure is the round trip a client sees, not a server saturation test).
 */
import Decimal from 'decimal.js';
import { VirtualClock } from '../main/core/clock';
import { SIM_DEV_ACCOUNT, SIM_DEV_KEY } from '../main/core/sim/dev-credentials';
import { SimEngine } from '../main/core/sim/engine';
import { SimVenueServer } from '../main/core/sim/server';
import type { SimConfig } from '../main/core/sim/config';
import type { BenchSuite } from './suite';
import { percentile } from './stats';

const MARKET = 'BTC-USD-PERP';
const PRICE = new Decimal(95000);

function benchConfig(): SimConfig {
  return {
    markets: [{ symbol: MARKET, tickSize: '0.1', stepSize: '0.001', initialMargin: '0.05', maintenanceMargin: '0.03', makerFee: '0', takerFee: '0.0003', liquidationFee: '0.005' }],
    reference: { referenceAt: () => PRICE },
    collateral: '1000000000',
  };
}

/** Alternating market buys and sells: each order is accepted and filled at once. */
const order = (i: number) => ({ market: MARKET, side: i % 2 === 0 ? 'BUY' : 'SELL', type: 'MARKET', size: '0.001', client_id: `b${i}` });

function engineOrdersPerSecond(count: number): number {
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const engine = new SimEngine(clock, benchConfig());
  engine.start();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const placed = engine.placeOrder(order(i));
    if (!placed.ok) throw new Error(`engine refused bench order ${i}: ${placed.error.code}`);
    // A heartbeat every 100 orders keeps the mark/trigger/liquidation path in the measurement.
    if (i % 100 === 99) clock.advanceTo(clock.now() + 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  if (engine.fills().length !== count) throw new Error(`expected ${count} fills, got ${engine.fills().length}`);
  engine.stop();
  return count / seconds;
}

async function httpOrders(count: number): Promise<{ perSecond: number; p99Ms: number }> {
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
  const engine = new SimEngine(clock, benchConfig());
  const server = new SimVenueServer(engine, { pingIntervalMs: 0, jwtTtlMs: 24 * 3600_000 });
  const { restUrl } = await server.start();
  try {
    const auth = await fetch(`${restUrl}/auth`, {
      method: 'POST',
      headers: { 'PARADEX-STARKNET-ACCOUNT': SIM_DEV_ACCOUNT, 'PARADEX-STARKNET-SIGNATURE': JSON.stringify([SIM_DEV_KEY, '0']) },
    });
    const { jwt_token: jwt } = (await auth.json()) as { jwt_token: string };
    const headers = { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' };
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const sent = performance.now();
      const res = await fetch(`${restUrl}/orders`, { method: 'POST', headers, body: JSON.stringify(order(i)) });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`server refused bench order ${i}: HTTP ${res.status}`);
      latencies.push(performance.now() - sent);
    }
    const seconds = (performance.now() - started) / 1000;
    if (engine.fills().length !== count) throw new Error(`expected ${count} fills, got ${engine.fills().length}`);
    return { perSecond: count / seconds, p99Ms: percentile(latencies, 0.99) };
  } finally {
    await server.stop();
  }
}

export const simBench: BenchSuite = {
  name: 'sim',
  async run({ quick }) {
    // A short warm-up so the JIT has compiled the hot path before the measured runs.
    engineOrdersPerSecond(1000);
    const engine = engineOrdersPerSecond(quick ? 10_000 : 100_000);
    await httpOrders(200);
    const http = await httpOrders(quick ? 1_000 : 5_000);
    return {
      'sim.engine_orders_per_s': Math.round(engine),
      'sim.http_orders_per_s': Math.round(http.perSecond),
      'sim.http_order_p99_ms': Number(http.p99Ms.toFixed(2)),
    };
  },
};
