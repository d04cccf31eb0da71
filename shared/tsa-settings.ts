/** The time-stamp authorities (RFC 3161) that anchor the journal head, as Settings shows and saves them. */
import { z } from 'zod';

export const MAX_TSA_URLS = 8;
export const MAX_TSA_URL_LENGTH = 300;

export const tsaUrlSchema = z
  .string()
  .max(MAX_TSA_URL_LENGTH, `a URL of at most ${MAX_TSA_URL_LENGTH} characters`)
  .pipe(z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL, e.g. https://freetsa.org/tsr' }));

/** An empty list clears the saved one: the defaults apply again. */
export const tsaUrlListSchema = z.array(tsaUrlSchema).max(MAX_TSA_URLS, `at most ${MAX_TSA_URLS} time-stamp authorities`);

/** Where the list in force comes from, in precedence order; `none`: nothing is anchored. */
export const TSA_SOURCES = ['flag', 'environment', 'settings', 'defaults', 'none'] as const;
export type TsaSource = (typeof TSA_SOURCES)[number];

export interface TsaSettingsView {
  /** The authorities the live terminal anchors with now. */
  inForce: string[];
  source: TsaSource;
  /** The list saved in Settings; null when none is (the defaults apply). */
  saved: string[] | null;
  /** What a real venue account uses when nothing else names a list. */
  defaults: string[];
}
