/**
 * Exposes the contract as window.blackbox: one function per named method (no generic invoke),
 * and `on` for pushed events. Runs sandboxed, so it is built as CommonJS and imports only
 * the contract's names.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, METHOD_NAMES } from '../../shared/contract-names';

const api: Record<string, unknown> = {
  on(event: string, listener: (payload: unknown) => void) {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event: ${event}`);
    const handler = (_: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};
for (const name of METHOD_NAMES) {
  api[name] = (params: unknown) => ipcRenderer.invoke(IPC_METHOD_PREFIX + name, params);
}

// Only our own page gets the API: were a foreign page ever loaded in the window, it finds nothing.
// (main checks every call's sender frame too; the origin is app-protocol.ts's APP_ORIGIN.)
const here = (globalThis as { location?: { protocol: string; host: string } }).location;
if (here?.protocol === 'app:' && here.host === 'blackbox') contextBridge.exposeInMainWorld('blackbox', api);
