/** What Settings shows about time-stamp authorities: the list the live terminal anchors with, and why that one. */
import type { TsaSettingsView } from '../../../shared/tsa-settings';
import { DEFAULT_TSA_URLS, tsaSourceOf } from './tsa-config';

export interface TsaViewInputs {
  /** The live terminal's authorities, as it started with them. */
  inForce: readonly string[];
  /** How the host anchors (start-terminal's `anchoring`); absent: nothing is anchored. */
  anchoring?: { flags?: readonly string[] };
  /** The saved list; null when none is. */
  saved: readonly string[] | null;
  realAccount: boolean;
}

export function tsaSettingsView({ inForce, anchoring, saved, realAccount }: TsaViewInputs): TsaSettingsView {
  // Settings apply to a real account only, as start-terminal reads them.
  const source = anchoring
    ? tsaSourceOf({ flags: anchoring.flags, env: process.env.BLACKBOX_TSA_URLS, settings: realAccount ? saved : null, realAccount })
    : 'none';
  return { inForce: [...inForce], source, saved: saved && [...saved], defaults: [...DEFAULT_TSA_URLS] };
}
