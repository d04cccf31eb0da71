/**
 * The desktop host: one instance (one journal writer), a hardened window, the contract bound
 * to IPC. All trading logic lives in main/core; this file only wires it to Electron.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { startBlackbox } from '../../core/terminal/start-terminal';
import { electronSecrets } from './electron-secrets';
import { electronSettings } from './electron-settings';
import { withFileDialog } from './file-dialog';
import { bindContract } from './ipc';
import { createMainWindow } from './main-window';
import { installMenu } from './menu';
import { hardenSessions, registerAppScheme } from './security';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Blackbox already owns the journal; a second writer could only do harm.
  app.quit();
} else {
  void app.whenReady().then(async () => {
    hardenSessions(join(outDir, 'renderer'));
    installMenu();
    const settings = electronSettings();
    // BLACKBOX_DATA_DIR lets tests (and careful users) point the journal elsewhere.
    const dataDir = process.env.BLACKBOX_DATA_DIR ?? app.getPath('userData');
    // The app anchors its journal head (BLACKBOX_TSA_URLS, Settings, or the public defaults for a real account).
    const terminal = await startBlackbox({ dataDir, settings, secrets: electronSecrets(), scenarioDir: join(outDir, '..', 'scenarios'), anchoring: {} });
    let window: BrowserWindow | null = createMainWindow(settings, outDir);
    const unbind = bindContract(withFileDialog(terminal, () => window, dataDir), () => (window && !window.isDestroyed() ? window.webContents : null));

    app.on('second-instance', () => {
      if (window?.isMinimized()) window.restore();
      window?.focus();
    });
    app.on('activate', () => {
      if (!window || window.isDestroyed()) window = createMainWindow(settings, outDir);
    });
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', (event) => {
      event.preventDefault();
      unbind();
      void terminal.close().finally(() => app.exit(0));
    });
  }).catch((error: unknown) => {
    dialog.showErrorBox('Blackbox could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
