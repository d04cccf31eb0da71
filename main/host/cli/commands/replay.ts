import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { printWithChromium } from '../../../core/export/print-pdf';
import { exportReplayClaims } from '../../../core/export/replay-export';
import type { ReplayReport } from '../../../core/replay/report';
import type { ReplaySession } from '../../../core/replay/replay-session';
import { runReplay } from '../../../core/replay/run-replay';
import { parseScenario } from '../../../core/scenario/parse';
import type { Scenario } from '../../../core/scenario/types';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';
import { packageRoot } from '../paths';
import { tsaFlags } from '../tsa-flags';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'play an incident scenario through the whole core on virtual time and print the report',
  usage: 'blackbox replay <scenario.json> [--json] [--journal PATH] [--export DIR] [--tsa URL]...',
  async run(args) {
    const { positionals, values, switches, lists } = parseArgs(args, { values: ['journal', 'export'], switches: ['json'], repeated: ['tsa'] });
    // A replay anchors only with the TSAs named for it: never the public defaults, never BLACKBOX_TSA_URLS.
    const tsaUrls = tsaFlags(lists.tsa);
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
    const exportDir = values.export ? resolve(values.export) : null;
    const report = await runReplay(scenario, {
      journalPath: values.journal ? resolve(values.journal) : undefined,
      tsaUrls,
      // Progress goes to stderr so that stdout stays the report.
      onStep: (step) => process.stderr.write(`  ${step.offset} ${step.actor} ${step.action.kind}\n`),
      onFinished: exportDir ? (session, finished) => exportClaims(scenario, session, finished, exportDir) : undefined,
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

function generator(): string {
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return `blackbox ${version}`;
}

/** Writes each claim's bundle; what it says goes to stderr, so that stdout stays the report. */
async function exportClaims(scenario: Scenario, session: ReplaySession, report: ReplayReport, dir: string): Promise<void> {
  if (report.claims.length === 0) {
    process.stderr.write('Export: the replay produced no claim; nothing was written.\n');
    return;
  }
  const results = await exportReplayClaims(scenario, session, report, {
    dir,
    generator: generator(),
    printPdf: printWithChromium,
    onProgress: ({ written, total }) => process.stderr.write(`  export: ${written}/${total} journal records\n`),
  });
  for (const r of results) {
    process.stderr.write(`Exported the claim's evidence bundle to ${r.folder} and ${r.zip} (${r.records} journal records, ${r.fullRecords} in full, head seq ${r.head.seq}).\n`);
    process.stderr.write(r.pdf?.ok ? `  PDF of the report: ${r.pdf.path}\n` : `  No PDF: ${r.pdf?.ok === false ? r.pdf.reason : 'not printed'}\n`);
  }
}
