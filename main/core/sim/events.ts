/**
 * What the engine announces after each change, synchronously. The server turns these into
 * WebSocket frames at once, so when a step returns every frame it caused is already written.
 * Orders and fills are the engine's live objects: read them during the call, do not keep them.
 */
import type { ScenarioVenueStatus } from '../scenario/types';
import type { SimFill, SimOrder, Tradebust } from './model';

export type SimEvent =
  | { type: 'order'; order: SimOrder }
  | { type: 'fill'; fill: SimFill }
  | { type: 'position'; market: string }
  | { type: 'account' }
  | { type: 'tradebust'; bust: Tradebust }
  | { type: 'summary'; market: string }
  | { type: 'status'; status: ScenarioVenueStatus }
  | { type: 'connectivity' }
  | { type: 'height'; height: number };

export type SimListener = (event: SimEvent) => void;
