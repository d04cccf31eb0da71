import Conf from 'conf';
import { typedSettings, type SettingsStore } from './settings';

/** Settings in `<dir>/config.json` through conf (used by the web host and the CLI). */
export function confSettings(dir: string): SettingsStore {
  return typedSettings(new Conf<Record<string, unknown>>({ projectName: 'blackbox', cwd: dir }));
}
