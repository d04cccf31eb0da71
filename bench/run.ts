/** The benchmark suites; the CLI runs each in a process of its own (see commands/bench.ts). */
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

/** In SUITE_NAMES order. */
export const SUITES: BenchSuite[] = [uiBench, journalBench, simBench, adapterBench, venuesBench, replayBench, orderBench, reconcileBench, exportBench, soakBench];

/** Runs the named suites in this process, in SUITE_NAMES order. */
export async function runBench(options: { quick: boolean; only: string[]; progress?: (line: string) => void }) {
  const metrics: Record<string, number | string | boolean> = {};
  for (const suite of SUITES) {
    if (!options.only.includes(suite.name)) continue;
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
