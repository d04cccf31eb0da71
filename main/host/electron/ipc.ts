/** Binds every contract method to its own IPC channel; each call checks who sent it. */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import type { CoreService } from '../../core/api/core-service';
import { dispatch } from '../../core/api/dispatch';
import { IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, METHOD_NAMES } from '../../../shared/contract-names';

export function bindContract(service: CoreService, trusted: () => WebContents | null): () => void {
  const isTrusted = (event: IpcMainInvokeEvent) => {
    const contents = trusted();
    // Our window's top frame, showing our own page: not a frame it was navigated or framed into.
    const frame = event.senderFrame;
    return contents !== null && event.sender === contents && frame !== null && frame === contents.mainFrame && isAppUrl(frame.url);
  };
  for (const name of METHOD_NAMES) {
    ipcMain.handle(IPC_METHOD_PREFIX + name, (event, params: unknown) =>
      isTrusted(event)
        ? dispatch(service.handlers, name, params)
        : { ok: false, error: { code: 'FORBIDDEN', message: 'Call from an untrusted frame' } },
    );
  }
  const unsubscribe = service.subscribe((event, payload) => {
    const contents = trusted();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event, payload });
  });
  return () => {
    unsubscribe();
    for (const name of METHOD_NAMES) ipcMain.removeHandler(IPC_METHOD_PREFIX + name);
  };
}
