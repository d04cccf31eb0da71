/**
 * Which time-stamp authorities a terminal anchors with. `--tsa URL` flags win, then the
 * BLACKBOX_TSA_URLS variable (comma- or space-separated; "none" turns anchoring off), then the
 * list in Settings, then the defaults — which apply to a real venue account only: the embedded
 * simulator, replays and tests never reach the internet unless a TSA is named for them.
 */
import type { TsaSource } from '../../../shared/tsa-settings';

export const DEFAULT_TSA_URLS: readonly string[] = ['https://freetsa.org/tsr', 'http://timestamp.digicert.com'];

export interface TsaSources {
  /** From `--tsa URL` (repeatable). */
  flags?: readonly string[];
  /** BLACKBOX_TSA_URLS, when set. */
  env?: string;
  /** The Settings list; null when the trader never set one. */
  settings?: readonly string[] | null;
  /** A real venue account (true) or the simulator / a replay (false). */
  realAccount: boolean;
}

export class TsaConfigError extends Error {}

/** Throws TsaConfigError for a URL that is not http(s). */
export function checkTsaUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TsaConfigError(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TsaConfigError(`${url}: a time-stamp authority is reached over http or https`);
  return url;
}

export function tsaUrlsFor({ flags = [], env, settings = null, realAccount }: TsaSources): string[] {
  if (flags.length > 0) return flags.map(checkTsaUrl);
  if (env !== undefined) {
    const listed = env.split(/[\s,]+/).filter(Boolean);
    return listed.length === 1 && listed[0] === 'none' ? [] : listed.map(checkTsaUrl);
  }
  if (settings !== null) return [...settings];
  return realAccount ? [...DEFAULT_TSA_URLS] : [];
}

/** Which of the sources `tsaUrlsFor` takes its list from, for Settings to say so. */
export function tsaSourceOf({ flags = [], env, settings = null, realAccount }: TsaSources): TsaSource {
  if (flags.length > 0) return 'flag';
  if (env !== undefined) return 'environment';
  if (settings !== null) return 'settings';
  return realAccount ? 'defaults' : 'none';
}
