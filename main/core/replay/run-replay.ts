/**
 * `blackbox replay`: plays a scenario through the whole core over loopback on virtual time and
 * reports what the terminal concluded (DESIGN §12). The report holds no wall-clock value, so the
 * same file gives the same report, byte for byte.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderTicket } from '../../../shared/contract';
import { restoreCancelled } from '../orders/restore-cancelled';
import type { PlaceAction, Scenario, ScenarioStep } from '../scenario/types';
import { buildReport, type ReplayReport } from './report';
import { ReplaySession } from './replay-session';

export interface ReplayOptions {
  /** Keep the journal here; by default it lives in a temporary folder removed afterwards. */
  journalPath?: string;
  /** Told each step as it is played, for progress. */
  onStep?: (step: ScenarioStep) => void;
}

const ticketOf = (place: PlaceAction): OrderTicket => ({
  market: place.market,
  side: place.side,
  type: place.type,
  size: place.size,
  sizeUnit: 'base',
  postOnly: place.postOnly,
  reduceOnly: place.reduceOnly,
  ...(place.price === undefined ? {} : { price: place.price }),
  ...(place.triggerPrice === undefined ? {} : { triggerPrice: place.triggerPrice }),
});

export async function runReplay(scenario: Scenario, options: ReplayOptions = {}): Promise<ReplayReport> {
  const tempDir = options.journalPath ? null : mkdtempSync(join(tmpdir(), 'bb-replay-'));
  const journalPath = options.journalPath ?? join(tempDir!, 'journal.db');
  const session = await ReplaySession.start(scenario, journalPath);
  const userOrders: string[] = [];
  const restoredFrom = new Map<string, string>();
  try {
    for (const step of scenario.steps) {
      if (step.at > scenario.until) break;
      await session.advanceTo(step.at);
      options.onStep?.(step);
      await play(session, step, userOrders, restoredFrom);
      await session.settle();
    }
    await session.advanceTo(scenario.until);
    await session.settle();
    return await buildReport(scenario, session, userOrders, restoredFrom);
  } finally {
    await session.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

async function play(session: ReplaySession, step: ScenarioStep, userOrders: string[], restoredFrom: Map<string, string>): Promise<void> {
  if (step.actor === 'venue') {
    session.sim.engine.apply(step.action);
    return;
  }
  const { pipeline } = session.terminal;
  const action = step.action;
  switch (action.kind) {
    case 'place':
      userOrders.push(action.clientId);
      await pipeline.place(ticketOf(action), action.clientId);
      return;
    case 'cancel':
      await pipeline.cancel(action.clientId);
      return;
    case 'cancelAll':
      await pipeline.cancelAll(action.market);
      return;
    case 'restoreCancelled': {
      const restored = await restoreCancelled(session.journal.orders(), pipeline, new Set(restoredFrom.values()));
      for (const r of restored) {
        userOrders.push(r.clientId!);
        restoredFrom.set(r.clientId!, r.restoredFrom);
      }
      return;
    }
    case 'reconcile':
      // Reconciliation arrives with the monitor; until then the step has nothing to run.
      return;
  }
}
