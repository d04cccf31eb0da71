import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SUITE_NAMES } from '../../../../bench/suite-names';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';
import { packageRoot } from '../paths';

/** The soak runs ten minutes: only when asked for by name. */
const BY_NAME_ONLY = new Set(['soak']);

type Metrics = Record<string, number | string | boolean>;

/**
 * Each suite runs in a process of its own, so that no suite's heap, sockets or browser weigh on
 * the next one's figures; a single suite runs in this process.
 */
function runIsolated(suite: string, quick: boolean): Metrics {
  const run = spawnSync(process.execPath, [join(packageRoot, 'bin', 'blackbox.mjs'), 'bench', '--json', '--only', suite, ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  try {
    return JSON.parse(run.stdout) as Metrics;
  } catch {
    return { [`${suite}.error`]: `the suite's process exited with ${run.status} without a JSON report` };
  }
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the benchmarks; --json prints one JSON object of named metrics',
  usage: `blackbox bench [--json] [--quick] [--only ${SUITE_NAMES.join(',')}]`,
  async run(args) {
    const { values, switches } = parseArgs(args, { values: ['only'], switches: ['json', 'quick'] });
    const only = values.only?.split(',');
    const unknown = only?.filter((name) => !(SUITE_NAMES as readonly string[]).includes(name));
    if (unknown?.length) throw new UsageError(`unknown suite(s): ${unknown.join(', ')}`);
    const suites = only ?? SUITE_NAMES.filter((name) => !BY_NAME_ONLY.has(name));
    const quick = switches.has('quick');
    let metrics: Metrics = {};
    if (suites.length === 1) {
      // Loaded here, not at start-up: the suites pull in Playwright and every layer of the core.
      const { runBench } = await import('../../../../bench/run');
      // Progress goes to stderr so that stdout stays one JSON object.
      metrics = await runBench({ quick, only: suites, progress: (line) => process.stderr.write(line + '\n') });
    } else {
      for (const suite of suites) metrics = { ...metrics, ...runIsolated(suite, quick) };
    }
    if (switches.has('json')) process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
    else for (const [name, value] of Object.entries(metrics)) process.stdout.write(`${name.padEnd(48)} ${value}\n`);
    return Object.keys(metrics).some((k) => k.endsWith('.error')) ? 1 : 0;
  },
};
