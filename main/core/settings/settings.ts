/**
 * One small settings interface for the whole app: electron-store backs it in Electron, `conf`
 * everywhere else. Values are checked on read, so a hand-edited file cannot feed the core junk.
 */
import { z } from 'zod';
import { venueAccountSchema } from '../../../shared/venue-accounts';
import { marketRiskSchema } from '../risk/risk-settings';

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});

export const settingsSchema = z.object({
  window: windowStateSchema.nullable().default(null),
  /** Per-market band and cap overrides; anything not set falls back to the defaults. */
  risk: z.record(z.string(), marketRiskSchema.partial()).default({}),
  /** The venue accounts added in Settings, without their keys (those are in the SecretStore). */
  venueAccounts: z.array(venueAccountSchema).default([]),
  /** The account the live terminal runs on at start; null: the built-in simulator. */
  activeAccount: z.string().nullable().default(null),
  /** Time-stamp authorities anchoring the journal head (RFC 3161); null: the defaults for a real account, none for the simulator. */
  tsaUrls: z.array(z.url({ protocol: /^https?$/ })).nullable().default(null),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export interface SettingsStore {
  get<K extends SettingKey>(key: K): Settings[K];
  set<K extends SettingKey>(key: K, value: Settings[K]): void;
  /** Where the settings live on disk, for the README and the status bar tooltip. */
  readonly path: string;
}

/** The raw key-value store both backends provide (electron-store extends conf). */
export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  readonly path: string;
}

export function typedSettings(backend: KeyValueBackend): SettingsStore {
  const defaults = settingsSchema.parse({});
  return {
    path: backend.path,
    get(key) {
      const parsed = settingsSchema.shape[key].safeParse(backend.get(key));
      return parsed.success ? (parsed.data as Settings[typeof key]) : defaults[key];
    },
    set(key, value) {
      backend.set(key, settingsSchema.shape[key].parse(value));
    },
  };
}
