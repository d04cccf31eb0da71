/** Runs every benchmark suite (or those named) and merges their metrics into one object. */
import type { BenchSuite } from './suite';
import { adapterBench } from './adapter.bench';
import { exportBench } from './export.bench';
import { journalBench } from './journal.bench';
import { orderBench } from './order.bench';
import { reconcileBench } from './reconcile.bench';
import { replayBench } from './replay.bench';
import { simBench } from './sim.bench';
import { soakBench, venuesBench } from './venues.bench';
import { uiBench } from './ui.bench';

/** In SUITE_NAMES order; the soak is left out of a plain run (ten minutes) and runs with --only soak. */
export const SUITES: BenchSuite[] = [uiBench, journalBench, simBench, adapterBench, venuesBench, replayBench, orderBench, reconcileBench, exportBench, soakBench];
const DEFAULT_SKIP = new Set(['soak']);

export async function runBench(options: { quick: boolean; only?: string[]; progress?: (line: string) => void }) {
  const metrics: Record<string, number | string | boolean> = {};
  for (const suite of SUITES) {
    if (options.only ? !options.only.includes(suite.name) : DEFAULT_SKIP.has(suite.name)) continue;
    options.progress?.(`bench ${suite.name}…`);
    const started = performance.now();
    try {
      Object.assign(metrics, await suite.run({ quick: options.quick }));
    } catch (error) {
      metrics[`${suite.name}.error`] = error instanceof Error ? error.message : String(error);
    }
    options.progress?.(`bench ${suite.name} done in ${Math.round(performance.now() - started)} ms`);
  }
  return metrics;
}
