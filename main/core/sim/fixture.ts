/**
 * Test fixture: an engine on a VirtualClock whose reference prices the test sets by hand, so a
 * price move happens exactly at the next heartbeat. Used by the engine and server tests.
 */
import Decimal from 'decimal.js';
import { VirtualClock } from '../clock';
import type { ReferenceSource, SimConfig, SimMarketConfig } from './config';
import { SimEngine } from './engine';
import type { SimEvent } from './events';

export const START = Date.parse('2026-01-19T04:00:00Z');

export const BTC: SimMarketConfig = {
  symbol: 'BTC-USD-PERP', tickSize: '0.1', stepSize: '0.001', initialMargin: '0.05', maintenanceMargin: '0.03',
  makerFee: '0', takerFee: '0.0003', liquidationFee: '0.005',
};

export const ETH: SimMarketConfig = {
  symbol: 'ETH-USD-PERP', tickSize: '0.01', stepSize: '0.01', initialMargin: '0.05', maintenanceMargin: '0.03',
  makerFee: '0.0001', takerFee: '0.0003',
};

export class SettableReference implements ReferenceSource {
  private readonly prices = new Map<string, Decimal>();

  constructor(initial: Record<string, string>) {
    for (const [market, price] of Object.entries(initial)) this.set(market, price);
  }

  set(market: string, price: string): void {
    this.prices.set(market, new Decimal(price));
  }

  referenceAt(market: string): Decimal {
    return this.prices.get(market)!;
  }
}

export interface EngineFixture {
  clock: VirtualClock;
  engine: SimEngine;
  reference: SettableReference;
  events: SimEvent[];
  /** Advances the clock by whole heartbeats. */
  seconds(n: number): void;
  /** Sets the reference of `market` and lets one heartbeat carry it to the mark. */
  moveTo(market: string, price: string): void;
}

export function engineFixture(options: Partial<Pick<SimConfig, 'collateral' | 'markets'>> & { prices?: Record<string, string> } = {}): EngineFixture {
  const clock = new VirtualClock(START);
  const reference = new SettableReference(options.prices ?? { [BTC.symbol]: '95000', [ETH.symbol]: '3300' });
  const engine = new SimEngine(clock, { markets: options.markets ?? [BTC, ETH], reference, collateral: options.collateral ?? '8000' });
  const events: SimEvent[] = [];
  engine.on((e) => events.push(e));
  engine.start();
  const seconds = (n: number) => clock.advanceTo(clock.now() + n * 1000);
  return {
    clock, engine, reference, events, seconds,
    moveTo(market, price) {
      reference.set(market, price);
      seconds(1);
    },
  };
}

export function accepted<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function refusal(result: { ok: true } | { ok: false; error: { code: string; httpStatus?: number } }): string {
  if (result.ok) throw new Error('expected the venue to refuse');
  return result.error.code;
}
