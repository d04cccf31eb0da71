import Store from 'electron-store';
import { typedSettings, type SettingsStore } from '../../core/settings/settings';

/** Settings in the app's user-data folder through electron-store. */
export function electronSettings(): SettingsStore {
  return typedSettings(new Store<Record<string, unknown>>({ name: 'settings' }));
}
