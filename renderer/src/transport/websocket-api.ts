/**
 * The contract over the web host's WebSocket, used when the page runs outside Electron.
 * The token comes from the page URL the host printed.
 */
import type { BlackboxApi, EventName } from '../../../shared/contract';
import { METHOD_NAMES } from '../../../shared/contract-names';
import type { Result } from '../../../shared/result';
import type { WireMessage, WireRequest } from '../../../shared/wire';

type Listener = (payload: unknown) => void;

export function createWebSocketApi(url: string): BlackboxApi {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('close', () => reject(new Error('The terminal closed the connection')), { once: true });
  });

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as WireMessage;
    if ('event' in data) {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    } else {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'Lost the connection to the terminal' } });
    pending.clear();
    for (const listener of listeners.get('transport-closed') ?? []) listener(null);
  });

  async function call(method: string, params: unknown): Promise<Result<unknown>> {
    try {
      await opened;
    } catch (error) {
      return { ok: false, error: { code: 'DISCONNECTED', message: (error as Error).message } };
    }
    const id = nextId++;
    const request: WireRequest = { id, method, params };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify(request));
    });
  }

  const api: Record<string, unknown> = {
    on(event: EventName, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const name of METHOD_NAMES) api[name] = (params: unknown) => call(name, params);
  return api as unknown as BlackboxApi;
}
