/**
 * Plays a scenario's steps into a replay session: venue steps straight into the simulator's
 * engine (the venue's side of the story), user steps through the terminal's own order entry.
 * Remembers which orders the user placed and which were restored from which. A restart stops
 * the terminal and starts a new one on the same journal later (see ReplaySession.restart).
 */
import { restoreCancelled } from '../orders/restore-cancelled';
import { ticketOf } from '../orders/ticket-of';
import type { ScenarioStep } from '../scenario/types';
import type { ReplaySession } from './replay-session';

export class ScenarioPlayer {
  /** Every order the user placed or restored, in order. */
  readonly userOrders: string[] = [];
  /** Restored client id → the original it replaces. */
  readonly restoredFrom = new Map<string, string>();

  constructor(private readonly session: ReplaySession) {}

  async play(step: ScenarioStep): Promise<void> {
    const { session } = this;
    if (step.actor === 'venue') {
      session.sim.engine.apply(step.action);
      return;
    }
    const { pipeline, reconciler } = session.terminal;
    const action = step.action;
    switch (action.kind) {
      case 'place':
        this.userOrders.push(action.clientId);
        await pipeline.place(ticketOf(action), action.clientId);
        return;
      case 'cancel':
        await pipeline.cancel(action.clientId);
        return;
      case 'cancelAll':
        await pipeline.cancelAll(action.market);
        return;
      case 'restoreCancelled': {
        const restored = await restoreCancelled(session.journal.orders(), pipeline, new Set(this.restoredFrom.values()));
        for (const r of restored) {
          this.userOrders.push(r.clientId!);
          this.restoredFrom.set(r.clientId!, r.restoredFrom);
        }
        return;
      }
      case 'reconcile':
        await reconciler.request('on demand');
        return;
      case 'restart':
        await session.restart(action.downSeconds);
        return;
    }
  }
}
