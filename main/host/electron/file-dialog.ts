/**
 * The desktop has a native file dialog: "Open journal file…" uses it, and review opens only
 * the files the trader chose there (or journals in the app's own data folder), never a path
 * the renderer made up.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { CoreService } from '../../core/api/core-service';
import { reviewablePath } from '../../core/terminal/journal-review';
import { insideFolders, withReviewAccess } from '../../core/terminal/review-access';

export function withFileDialog(service: CoreService, window: () => BrowserWindow | null, dataDir: string): CoreService {
  const chosen = new Set<string>();
  const inDataDir = insideFolders([dataDir]);
  const picking: CoreService = {
    subscribe: (listener) => service.subscribe(listener),
    close: () => service.close(),
    handlers: {
      ...service.handlers,
      pickJournalFile: async () => {
        const parent = window();
        const options = { title: 'Open a Blackbox journal (read-only)', properties: ['openFile' as const], filters: [{ name: 'Blackbox journal', extensions: ['db'] }] };
        const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        const path = choice.canceled ? null : (choice.filePaths[0] ?? null);
        const real = path === null ? null : reviewablePath(path);
        if (real !== null) chosen.add(real);
        return { path };
      },
    },
  };
  return withReviewAccess(picking, (real) => chosen.has(real) || inDataDir(real));
}
