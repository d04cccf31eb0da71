import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { SettingsStore } from '../../core/settings/settings';
import { APP_ORIGIN } from './app-protocol';
import { devToolsEnabled } from './devtools';

export function createMainWindow(settings: SettingsStore, outDir: string): BrowserWindow {
  const saved = settings.get('window');
  const window = new BrowserWindow({
    width: saved?.width ?? 1400,
    height: saved?.height ?? 900,
    x: saved?.x,
    y: saved?.y,
    backgroundColor: '#0d1117',
    title: 'Blackbox',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: devToolsEnabled(process.argv),
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    settings.set('window', { ...bounds, maximized: window.isMaximized() });
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
