/**
 * `blackbox replay`: plays a scenario through the whole core over loopback on virtual time and
 * reports what the terminal concluded (DESIGN §12). The report holds no wall-clock value, so the
 * same file gives the same report, byte for byte.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario, ScenarioStep } from '../scenario/types';
import { buildReport, type ReplayReport } from './report';
import { ReplaySession } from './replay-session';
import { ScenarioPlayer } from './scenario-player';

export interface ReplayOptions {
  /** Keep the journal here; by default it lives in a temporary folder removed afterwards. */
  journalPath?: string;
  /** Told each step as it is played, for progress. */
  onStep?: (step: ScenarioStep) => void;
  /** Time-stamp authorities to anchor the replay's journal head with; a replay anchors only when given some. */
  tsaUrls?: readonly string[];
  /** Given the finished session and its report before it closes, e.g. to export evidence from its journal. */
  onFinished?: (session: ReplaySession, report: ReplayReport) => Promise<void>;
}

export async function runReplay(scenario: Scenario, options: ReplayOptions = {}): Promise<ReplayReport> {
  const tempDir = options.journalPath ? null : mkdtempSync(join(tmpdir(), 'bb-replay-'));
  const journalPath = options.journalPath ?? join(tempDir!, 'journal.db');
  const session = await ReplaySession.start(scenario, journalPath, options.tsaUrls);
  const player = new ScenarioPlayer(session);
  try {
    for (const step of scenario.steps) {
      if (step.at > scenario.until) break;
      await session.advanceTo(step.at);
      options.onStep?.(step);
      await player.play(step);
      await session.settle();
    }
    await session.advanceTo(scenario.until);
    await session.settle();
    const report = await buildReport(scenario, session, player.userOrders, player.restoredFrom);
    await options.onFinished?.(session, report);
    return report;
  } finally {
    await session.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}
