import { HUNG, runFuzz } from '../../../core/fuzz/fuzz';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';

const DEFAULT_CASES = 100;

function count(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

export const fuzzCommand: Command = {
  name: 'fuzz',
  summary: 'replay random fault scenarios through the whole core and hold each against the simulator\'s ground truth',
  usage: 'blackbox fuzz [--cases N] [--seed S] [--json]',
  async run(args) {
    const { positionals, values, switches } = parseArgs(args, { values: ['cases', 'seed'], switches: ['json'] });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const cases = count(values.cases, 'cases', DEFAULT_CASES);
    if (cases < 1) throw new UsageError('--cases must be at least 1');
    // Without --seed a fresh one is drawn; it is always printed so that a failure can be replayed.
    const seed = count(values.seed, 'seed', Math.floor(Math.random() * 2 ** 31));
    const json = switches.has('json');
    process.stderr.write(`fuzz: ${cases} cases, seed ${seed}\n`);
    const result = await runFuzz({
      cases,
      seed,
      onCase: (index, violations) => process.stderr.write(`  replay ${index}: ${violations.length === 0 ? 'holds' : `${violations.length} violation(s)`}\n`),
    });
    if (json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } else if (result.violations.length === 0) {
      process.stdout.write(`${result.cases} cases held (seed ${seed}).\n`);
    } else {
      process.stdout.write(`Violation after ${result.cases} cases (seed ${seed}; rerun with --seed ${seed}). Shrunk scenario:\n\n`);
      process.stdout.write(JSON.stringify(result.scenario, null, 2) + '\n\nThe oracle says:\n');
      for (const v of result.violations) process.stdout.write(`  ${v.rule}: ${v.message}\n`);
    }
    // A hung replay keeps its sockets and timers alive: end the process instead of waiting on it.
    if (result.violations.some((v) => v.message.startsWith(HUNG))) process.exit(1);
    return result.violations.length === 0 ? 0 : 1;
  },
};
