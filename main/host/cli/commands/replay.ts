import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runReplay } from '../../../core/replay/run-replay';
import { parseScenario } from '../../../core/scenario/parse';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'play an incident scenario through the whole core on virtual time and print the report',
  usage: 'blackbox replay <scenario.json> [--json] [--journal PATH]',
  async run(args) {
    const { positionals, values, switches } = parseArgs(args, { values: ['journal'], switches: ['json'] });
    if (positionals.length !== 1) throw new UsageError('name exactly one scenario file');
    let text: string;
    try {
      text = readFileSync(resolve(positionals[0]), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
    }
    const parsed = parseScenario(text);
    if (!parsed.ok) throw new UsageError(`${positionals[0]}: ${parsed.error.message}`);
    const scenario = parsed.value;
    const report = await runReplay(scenario, {
      journalPath: values.journal ? resolve(values.journal) : undefined,
      // Progress goes to stderr so that stdout stays the report.
      onStep: (step) => process.stderr.write(`  ${step.offset} ${step.actor} ${step.action.kind}\n`),
    });
    if (switches.has('json')) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      process.stdout.write(`${report.scenario}\n\nVenue status:\n`);
      for (const s of report.statusTimeline) process.stdout.write(`  ${s.at}  ${s.status}\n`);
      process.stdout.write('\nOrders:\n');
      for (const o of report.orders) process.stdout.write(`  ${o.clientId.padEnd(10)} ${o.state}${o.reason ? `  (${o.reason})` : ''}\n`);
      process.stdout.write(`\nJournal: ${report.journal.events} events, head ${report.journal.head.slice(0, 16)}…, ${report.journal.verified ? 'verified' : 'DOES NOT VERIFY'}\n`);
    }
    return report.journal.verified ? 0 : 1;
  },
};
