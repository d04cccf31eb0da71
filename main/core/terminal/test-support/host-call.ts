/** Calling a started host's contract the way the UI does, for tests in main. */
import { join } from 'node:path';
import { dispatch } from '../../api/dispatch';
import type { TerminalSwitch } from '../terminal-switch';

/** The bundled incident scenarios. */
export const SCENARIO_DIR = join(import.meta.dirname, '../../../../scenarios');

/** The method's answer; an error answer throws with its code and message. */
export async function callHost<T>(host: TerminalSwitch, method: string, params: unknown): Promise<T> {
  const result = await dispatch(host.handlers, method, params);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
