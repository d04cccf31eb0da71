/**
 * One replay seen from both sides: what the terminal concluded (its report, findings, journal
 * projections) and what the simulated venue knows to be true at `until`. The oracle judges this.
 */
import type { Finding } from '../../../shared/incidents';
import type { FillRow, OrderRow } from '../journal/projections';
import type { ReplayReport } from '../replay/report';
import { runReplay } from '../replay/run-replay';
import type { Scenario } from '../scenario/types';
import { venueTruth, type VenueTruth } from '../sim/truth';

export interface Observation {
  scenario: Scenario;
  report: ReplayReport;
  /** Every finding of every incident the terminal holds at `until`. */
  findings: Finding[];
  journal: { orders: OrderRow[]; fills: FillRow[] };
  venue: VenueTruth;
}

export async function observeReplay(scenario: Scenario): Promise<Observation> {
  const seen: { at?: Omit<Observation, 'scenario' | 'report'> } = {};
  const report = await runReplay(scenario, {
    onFinished: async (session) => {
      seen.at = {
        findings: session.terminal.incidents.list().flatMap((i) => i.findings),
        journal: { orders: session.journal.orders(), fills: session.journal.fills() },
        venue: venueTruth(session.sim.engine),
      };
    },
  });
  return { scenario, report, ...seen.at! };
}
