import type { ContractHandlers, EventName, EventPayloads } from '../../../shared/contract';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** What a host (Electron, web, CLI) needs from the core: the handlers and a stream of events. */
export interface CoreService {
  handlers: ContractHandlers;
  subscribe(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}
