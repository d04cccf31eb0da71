/** `blackbox replay --export`: one bundle per claim the replay produced, from its own journal. */
import type { ReplayReport } from '../replay/report';
import type { ReplaySession } from '../replay/replay-session';
import type { Scenario } from '../scenario/types';
import { scenarioContext } from './bundle-context';
import { exportBundle, type ExportRequest, type ExportResult } from './export-bundle';

export type ReplayExportOptions = Pick<ExportRequest, 'dir' | 'generator' | 'onProgress' | 'printPdf'>;

export async function exportReplayClaims(scenario: Scenario, session: ReplaySession, report: ReplayReport, options: ReplayExportOptions): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  for (const [n, claim] of report.claims.entries()) {
    results.push(await exportBundle({
      ...options,
      journal: session.journal,
      claim,
      incidents: session.terminal.incidents.list(),
      context: scenarioContext(scenario),
      name: `${scenario.name}-claim-${n + 1}`,
    }));
  }
  return results;
}
