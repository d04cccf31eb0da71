/**
 * The venue accounts a trader adds in Settings, as both sides see them. Secrets (a Paradex
 * Starknet key) travel renderer → main once, when saved; main never sends one back — the views
 * below only say whether one is held and how it is protected.
 */
import { z } from 'zod';

export const ACCOUNT_VENUES = ['paradex', 'dydx', 'hyperliquid'] as const;
export type AccountVenue = (typeof ACCOUNT_VENUES)[number];

export const NETWORKS = ['mainnet', 'testnet'] as const;
export type Network = (typeof NETWORKS)[number];

export const REFERENCE_SOURCES = ['coinbase', 'kraken', 'binance'] as const;
export type ReferenceSource = (typeof REFERENCE_SOURCES)[number];

/** What identifies an account on each venue; dYdX and Hyperliquid are read by this address alone. */
export const ADDRESS_RULES: Record<AccountVenue, { pattern: RegExp; example: string }> = {
  dydx: { pattern: /^dydx1[0-9a-z]{38,58}$/, example: 'dydx1… (bech32)' },
  hyperliquid: { pattern: /^0x[0-9a-fA-F]{40}$/, example: '0x followed by 40 hex digits' },
  paradex: { pattern: /^0x[0-9a-fA-F]{1,64}$/, example: '0x followed by up to 64 hex digits (a Starknet account)' },
};

/** Only Paradex trades through Blackbox; the other two are watched by address. */
export const TRADING_VENUES: readonly AccountVenue[] = ['paradex'];

export const STARKNET_KEY = /^0x[0-9a-fA-F]{1,64}$/;

const marketSymbol = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/, 'a market symbol such as BTC-USD-PERP, BTC-USD or BTC');
const httpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(500);
const wsUrl = z.url({ protocol: /^wss?$/, error: 'a ws:// or wss:// URL' }).max(500);

/** Everything about an account except its secret; stored in the settings file as is. */
export const venueAccountFields = z
  .object({
    label: z.string().trim().min(1, 'give the account a name').max(60),
    venue: z.enum(ACCOUNT_VENUES),
    network: z.enum(NETWORKS).default('mainnet'),
    address: z.string().trim().min(1).max(80),
    /** dYdX subaccount number. */
    subaccount: z.number().int().min(0).max(128_000).default(0),
    /** Paradex: the key is a registered subkey of the account rather than its main key. */
    subkey: z.boolean().default(false),
    /** The markets shown, priced by the reference and checked by the band. */
    markets: z.array(marketSymbol).min(1, 'choose at least one market').max(20),
    /** Independent sources for the band; two or more give the quorum the band wants. */
    sources: z.array(z.enum(REFERENCE_SOURCES)).min(1, 'choose at least one reference source').max(REFERENCE_SOURCES.length),
    /** Per source, the venue's market → the source's symbol, where the default guess is wrong. */
    symbols: z.partialRecord(z.enum(REFERENCE_SOURCES), z.record(marketSymbol, z.string().regex(/^[A-Za-z0-9._/-]{1,32}$/))).default({}),
    /** Overrides of the network's endpoints (a self-hosted dYdX indexer, a local test server). */
    restUrl: httpUrl.optional(),
    wsUrl: wsUrl.optional(),
    rpcUrl: httpUrl.optional(),
  })
  .strict();

function checkAddress(account: { venue: AccountVenue; address: string }, ctx: z.RefinementCtx): void {
  const rule = ADDRESS_RULES[account.venue];
  if (!rule.pattern.test(account.address)) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: `not a ${account.venue} address (expected ${rule.example})` });
  }
}

export const venueAccountSchema = venueAccountFields.extend({ id: z.string().regex(/^A\d{1,6}$/) }).superRefine(checkAddress);
export type VenueAccount = z.infer<typeof venueAccountSchema>;

/** Save (add when `id` is absent, else replace) an account; `privateKey` only when it changes. */
export const saveVenueAccountSchema = z
  .object({
    id: z.string().regex(/^A\d{1,6}$/).optional(),
    account: venueAccountFields.superRefine(checkAddress),
    privateKey: z.string().trim().regex(STARKNET_KEY, 'a Starknet private key: 0x followed by up to 64 hex digits').optional(),
  })
  .strict()
  .refine((p) => p.privateKey === undefined || p.account.venue === 'paradex', { message: 'only Paradex accounts take a private key', path: ['privateKey'] });
export type SaveVenueAccount = z.input<typeof saveVenueAccountSchema>;

/** How main keeps secrets on this host. */
export interface SecretProtection {
  /** `encrypted`: on disk, encrypted by the OS (safeStorage); `memory`: never written, gone when Blackbox stops. */
  kind: 'encrypted' | 'memory';
  /** One sentence for the Settings page. */
  note: string;
}

export interface VenueAccountView extends VenueAccount {
  /** `watch`: read by address, no orders; `trade`: orders signed with the held key. */
  mode: 'trade' | 'watch';
  /** Whether main holds this account's key (never the key itself). */
  hasKey: boolean;
}

export interface VenueSettingsView {
  accounts: VenueAccountView[];
  /** The account the live terminal runs on; null: the built-in simulator. */
  active: string | null;
  secrets: SecretProtection;
  /** Why the terminal is not on the account it was set to (e.g. a key kept in memory was lost). */
  notice: string | null;
}
