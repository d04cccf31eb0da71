/**
 * The calm demo market the app starts on with no configuration: BTC-USD-PERP and ETH-USD-PERP
 * whose true price is a gentle, deterministic random walk that loops every hour (the walk is
 * bridged back to its start), traded by the dev account with 10 000 USDC.
 */
import Decimal from 'decimal.js';
import { systemClock, type Clock } from '../clock';
import { interpolate, REFERENCE_DECIMALS } from '../scenario/reference-path';
import type { ReferenceSource, SimConfig, SimMarketConfig } from './config';
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator';

export const DEMO_LOOP_MS = 60 * 60_000;
const STEP_MS = 60_000;
/** Largest move per minute, in basis points. */
const MAX_STEP_BPS = 4;

export const DEMO_MARKETS: SimMarketConfig[] = [
  { symbol: 'BTC-USD-PERP', tickSize: '0.1', stepSize: '0.001', initialMargin: '0.05', maintenanceMargin: '0.03', makerFee: '0', takerFee: '0.0003', liquidationFee: '0.005' },
  { symbol: 'ETH-USD-PERP', tickSize: '0.01', stepSize: '0.01', initialMargin: '0.05', maintenanceMargin: '0.03', makerFee: '0', takerFee: '0.0003', liquidationFee: '0.005' },
];
const DEMO_BASE_PRICES: Record<string, string> = { 'BTC-USD-PERP': '95000', 'ETH-USD-PERP': '3300' };

/** mulberry32: a tiny seeded PRNG, so the walk is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole-bps offsets, one per minute, ending where they started so the loop has no jump. */
function loopingWalk(seed: number): number[] {
  const next = prng(seed);
  const steps = DEMO_LOOP_MS / STEP_MS;
  const walk = [0];
  for (let i = 1; i <= steps; i++) walk.push(walk[i - 1] + Math.floor(next() * (2 * MAX_STEP_BPS + 1)) - MAX_STEP_BPS);
  const drift = walk[steps];
  return walk.map((bps, i) => bps - Math.round((drift * i) / steps));
}

export function demoReference(origin: number, seed = 1): ReferenceSource {
  const paths = new Map<string, { at: number; price: Decimal }[]>();
  DEMO_MARKETS.forEach((m, index) => {
    const base = new Decimal(DEMO_BASE_PRICES[m.symbol]);
    const points = loopingWalk(seed + index).map((bps, i) => ({
      at: i * STEP_MS,
      price: base.times(new Decimal(bps).div(10_000).plus(1)).toDecimalPlaces(REFERENCE_DECIMALS, Decimal.ROUND_HALF_UP),
    }));
    paths.set(m.symbol, points);
  });
  return {
    referenceAt(market, t) {
      const points = paths.get(market);
      if (!points) throw new Error(`no demo path for market "${market}"`);
      const phase = (((t - origin) % DEMO_LOOP_MS) + DEMO_LOOP_MS) % DEMO_LOOP_MS;
      return interpolate(points, phase);
    },
  };
}

export function demoConfig(origin: number): SimConfig {
  return { markets: DEMO_MARKETS, reference: demoReference(origin), collateral: '10000' };
}

/** Starts the demo venue and feeds on loopback; the system clock unless told otherwise. */
export function startDemoSimulator(options: Partial<Omit<SimulatorOptions, 'config'>> = {}): Promise<Simulator> {
  const clock: Clock = options.clock ?? systemClock;
  return startSimulator({ ...options, clock, config: demoConfig(clock.now()) });
}
