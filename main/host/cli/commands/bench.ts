import { SUITE_NAMES } from '../../../../bench/suite-names';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the benchmarks; --json prints one JSON object of named metrics',
  usage: `blackbox bench [--json] [--quick] [--only ${SUITE_NAMES.join(',')}]`,
  async run(args) {
    const { values, switches } = parseArgs(args, { values: ['only'], switches: ['json', 'quick'] });
    const only = values.only?.split(',');
    const unknown = only?.filter((name) => !(SUITE_NAMES as readonly string[]).includes(name));
    if (unknown?.length) throw new UsageError(`unknown suite(s): ${unknown.join(', ')}`);
    // Loaded here, not at start-up: the suites pull in Playwright and every layer of the core.
    const { runBench } = await import('../../../../bench/run');
    // Progress goes to stderr so that stdout stays one JSON object.
    const metrics = await runBench({ quick: switches.has('quick'), only, progress: (line) => process.stderr.write(line + '\n') });
    if (switches.has('json')) process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
    else for (const [name, value] of Object.entries(metrics)) process.stdout.write(`${name.padEnd(48)} ${value}\n`);
    return Object.keys(metrics).some((k) => k.endsWith('.error')) ? 1 : 0;
  },
};
