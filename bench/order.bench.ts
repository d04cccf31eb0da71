/**
 * Order entry costs: the pure band check, and a passive limit order's round trip through the
 * full pipeline (validate, band, durable intent, send over loopback, ack) against the same
 * request sent by the adapter alone, measured in the same run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPriceBand } from '../main/core/risk/price-band';
import { defaultRiskSettings } from '../main/core/risk/risk-settings';
import { confSettings } from '../main/core/settings/conf-settings';
import { startTerminal } from '../main/core/terminal/start-terminal';
import { percentile } from './stats';
import type { BenchSuite } from './suite';

function bandCheckP99Us(count: number): number {
  const settings = defaultRiskSettings('BTC-USD-PERP');
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const price = (95_000 + (i % 1000) / 10).toFixed(1);
    const t = process.hrtime.bigint();
    checkPriceBand(
      { market: 'BTC-USD-PERP', side: i % 2 ? 'BUY' : 'SELL', type: 'LIMIT', size: '0.1', price, reduceOnly: false },
      { price: '95050', fresh: 3, total: 3, reason: null },
      { status: 'ok', reopenedAt: null, mark: '95049.5', now: 0 },
      settings,
      '0.1',
    );
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return percentile(samples, 0.99);
}

async function waitForReference(terminal: Awaited<ReturnType<typeof startTerminal>>, market: string): Promise<void> {
  for (let i = 0; i < 200 && terminal.referenceReading(market).price === null; i++) await new Promise((r) => setTimeout(r, 50));
}

export const orderBench: BenchSuite = {
  name: 'order',
  async run({ quick }) {
    const rounds = quick ? 100 : 500;
    const dataDir = mkdtempSync(join(tmpdir(), 'bb-bench-order-'));
    const terminal = await startTerminal({ dataDir, settings: confSettings(dataDir) });
    try {
      const market = 'BTC-USD-PERP';
      await waitForReference(terminal, market);
      const reference = terminal.referenceReading(market).price;
      if (!reference) throw new Error('no independent price from the simulator feeds');
      // A buy 3 % under the market rests passively: nothing fills, every order is acked.
      const price = (Math.floor(Number(reference) * 0.97 * 10) / 10).toFixed(1);
      const pipeline: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < rounds; i++) {
        let t = performance.now();
        const outcome = await terminal.pipeline.place({ market, side: 'BUY', type: 'LIMIT', size: '0.001', sizeUnit: 'base', price, postOnly: false, reduceOnly: false }, `bench-p-${i}`);
        pipeline.push(performance.now() - t);
        if (outcome.outcome !== 'confirmed') throw new Error(`order ${i}: ${outcome.outcome} ${outcome.reason}`);
        t = performance.now();
        const result = await terminal.parts.venue.placeOrder({ clientId: `bench-b-${i}`, market, side: 'BUY', type: 'LIMIT', size: '0.001', price, timeInForce: 'GTC' });
        bare.push(performance.now() - t);
        if (result.outcome !== 'accepted') throw new Error(`bare order ${i}: ${result.outcome}`);
      }
      const p50 = percentile(pipeline, 0.5);
      return {
        'band.check_p99_us': Number(bandCheckP99Us(quick ? 20_000 : 100_000).toFixed(2)),
        'order.roundtrip_p50_ms': Number(p50.toFixed(3)),
        'order.roundtrip_p99_ms': Number(percentile(pipeline, 0.99).toFixed(3)),
        'order.bare_send_p50_ms': Number(percentile(bare, 0.5).toFixed(3)),
        'order.journal_overhead_ratio': Number((p50 / percentile(bare, 0.5)).toFixed(3)),
      };
    } finally {
      await terminal.close();
    }
  },
};
