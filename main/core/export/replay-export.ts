/**
 * `blackbox replay --export`: the replay's claim created in its claim book (journalled, and
 * time-stamped when the replay was given TSAs), then one bundle per claim from its own journal.
 */
import type { Claim } from '../claims/build-claim';
import type { ReplayReport } from '../replay/report';
import type { ReplaySession } from '../replay/replay-session';
import type { Scenario } from '../scenario/types';
import { scenarioContext } from './bundle-context';
import { exportBundle, type ExportRequest, type ExportResult } from './export-bundle';

export type ReplayExportOptions = Pick<ExportRequest, 'dir' | 'generator' | 'onProgress' | 'printPdf'>;

export async function exportReplayClaims(scenario: Scenario, session: ReplaySession, report: ReplayReport, options: ReplayExportOptions): Promise<ExportResult[]> {
  const results: ExportResult[] = [];
  const { terminal } = session;
  for (const [n, claim] of report.claims.entries()) {
    const incidents = terminal.incidents.list();
    const created = terminal.claims.create(incidents);
    await session.settle();
    await terminal.anchorer.settled();
    results.push(await exportBundle({
      ...options,
      journal: session.journal,
      claim: { items: created.items as Claim['items'], total: created.total },
      claimId: created.id,
      incidents,
      context: scenarioContext(scenario, terminal.parts.account),
      name: `${scenario.name}-claim-${n + 1}`,
    }));
    if (created.total !== claim.total) throw new Error(`the claim book made ${created.total} where the replay report says ${claim.total}`);
  }
  return results;
}
