/** The desktop has a native file dialog: "Open journal file…" uses it instead of a typed path. */
import { dialog, type BrowserWindow } from 'electron';
import type { CoreService } from '../../core/api/core-service';

export function withFileDialog(service: CoreService, window: () => BrowserWindow | null): CoreService {
  return {
    ...service,
    subscribe: (listener) => service.subscribe(listener),
    close: () => service.close(),
    handlers: {
      ...service.handlers,
      pickJournalFile: async () => {
        const parent = window();
        const options = { title: 'Open a Blackbox journal (read-only)', properties: ['openFile' as const], filters: [{ name: 'Blackbox journal', extensions: ['db'] }] };
        const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return { path: choice.canceled ? null : (choice.filePaths[0] ?? null) };
      },
    },
  };
}
