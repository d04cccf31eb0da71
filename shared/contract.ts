/**
 * The one contract between renderer and main: every operation is a named method with a
 * runtime schema for its params, every push is a named event. Both transports (Electron IPC and
 * the local WebSocket) carry exactly these names; main validates params before dispatch.
 */
import { z } from 'zod';
import type { PriceTick } from './domain';
import type { Result } from './result';
import type { TerminalSnapshot } from './snapshot';

export const methodParams = {
  getSnapshot: z.object({}).strict(),
  getPriceHistory: z.object({ market: z.string().min(1).max(64), limit: z.number().int().min(1).max(10_000) }).strict(),
} as const;

export type MethodName = keyof typeof methodParams;
export type MethodParams<M extends MethodName> = z.infer<(typeof methodParams)[M]>;

export interface MethodResults {
  getSnapshot: TerminalSnapshot;
  getPriceHistory: PriceTick[];
}

export interface EventPayloads {
  /** One price tick: venue mark and independent reference. */
  price: PriceTick;
  /** The terminal's state changed in a way the status bar or tables show. */
  snapshot: TerminalSnapshot;
}
export type EventName = keyof EventPayloads;

/** What main implements and both transports expose. */
export type ContractHandlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResults[M]>;
};

/** What the renderer calls: the same names, results as data, subscriptions that unsubscribe. */
export type BlackboxApi = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<Result<MethodResults[M]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
