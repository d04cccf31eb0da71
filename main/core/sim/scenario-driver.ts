/**
 * Drives a parsed scenario straight into an engine on a VirtualClock, without any adapter:
 * venue actions through `apply`, the user's order actions through order entry. Terminal-side
 * actions (restoreCancelled, reconcile, restart) have no venue effect and are only reported. Steps run
 * in file order; before each, the clock advances to its time, so heartbeats due at that very
 * millisecond run first.
 */
import type { VirtualClock } from '../clock';
import type { PlaceAction, Scenario, ScenarioStep } from '../scenario/types';
import type { SimEngine } from './engine';
import type { SimResult } from './errors';
import type { OrderRequest } from './order-entry';

export type StepOutcome = SimResult<unknown> | { ok: true; value: 'applied' | 'terminal-only' };

/** The Paradex POST /orders body for a scenario `place`. */
export function orderRequestOf(place: PlaceAction): OrderRequest {
  return {
    market: place.market,
    side: place.side,
    type: place.type,
    size: place.size,
    ...(place.price === undefined ? {} : { price: place.price }),
    ...(place.triggerPrice === undefined ? {} : { trigger_price: place.triggerPrice }),
    instruction: place.postOnly ? 'POST_ONLY' : 'GTC',
    flags: place.reduceOnly ? ['REDUCE_ONLY'] : [],
    client_id: place.clientId,
  };
}

export function runStep(engine: SimEngine, step: ScenarioStep): StepOutcome {
  if (step.actor === 'venue') {
    engine.apply(step.action);
    return { ok: true, value: 'applied' };
  }
  const action = step.action;
  switch (action.kind) {
    case 'place':
      return engine.placeOrder(orderRequestOf(action));
    case 'cancel':
      return engine.cancelOrder({ clientId: action.clientId });
    case 'cancelAll':
      return engine.cancelAll(action.market);
    case 'restoreCancelled':
    case 'reconcile':
    case 'restart':
      return { ok: true, value: 'terminal-only' };
  }
}

/** Runs every step up to and including `until` (default: the scenario's own `until`). */
export function driveScenario(
  scenario: Scenario,
  engine: SimEngine,
  clock: VirtualClock,
  options: { until?: number; onStep?: (step: ScenarioStep, outcome: StepOutcome) => void } = {},
): void {
  const until = options.until ?? scenario.until;
  for (const step of scenario.steps) {
    if (step.at > until) break;
    clock.advanceTo(step.at);
    const outcome = runStep(engine, step);
    options.onStep?.(step, outcome);
  }
  clock.advanceTo(until);
}
