/**
 * The account form as text fields, and the step from that text to `saveVenueAccount` params.
 * Only the shape is settled here (lists split, lines parsed, blanks dropped); main validates every
 * value and its error names the field.
 */
import {
  REFERENCE_SOURCES, type AccountVenue, type Network, type ReferenceSource, type SaveVenueAccount, type VenueAccountView,
} from '../../../shared/venue-accounts';

export interface AccountFormText {
  label: string;
  venue: AccountVenue;
  network: Network;
  address: string;
  subaccount: string;
  markets: string;
  sources: ReferenceSource[];
  /** One override a line: `coinbase BTC-USD-PERP=BTC-USD`. */
  symbols: string;
  restUrl: string;
  wsUrl: string;
  rpcUrl: string;
  subkey: boolean;
}

export const VENUE_NAMES: Record<AccountVenue, string> = { paradex: 'Paradex', dydx: 'dYdX', hyperliquid: 'Hyperliquid' };

/** How each venue names its markets, for the placeholder. */
export const MARKET_EXAMPLES: Record<AccountVenue, string> = { paradex: 'BTC-USD-PERP, ETH-USD-PERP', dydx: 'BTC-USD, ETH-USD', hyperliquid: 'BTC, ETH' };

export const EMPTY_FORM: AccountFormText = {
  label: '', venue: 'paradex', network: 'mainnet', address: '', subaccount: '0', markets: '', sources: [...REFERENCE_SOURCES],
  symbols: '', restUrl: '', wsUrl: '', rpcUrl: '', subkey: false,
};

export type FormReading = { ok: true; params: SaveVenueAccount } | { ok: false; message: string };

const OVERRIDE_LINE = /^(\S+)\s+([^\s=]+)\s*=\s*(\S+)$/;

/** Markets typed as `BTC-USD-PERP, ETH-USD-PERP` or separated by spaces or new lines; repeats dropped. */
export function splitMarkets(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Per-source symbol overrides from lines `source market=symbol`; blank lines skipped. */
export function parseSymbolOverrides(text: string): { ok: true; symbols: NonNullable<SaveVenueAccount['account']['symbols']> } | { ok: false; message: string } {
  const symbols: Partial<Record<ReferenceSource, Record<string, string>>> = {};
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = OVERRIDE_LINE.exec(line);
    if (!match) return { ok: false, message: `symbol overrides, line ${index + 1}: write it as "coinbase BTC-USD-PERP=BTC-USD"` };
    const [, source, market, symbol] = match;
    if (!(REFERENCE_SOURCES as readonly string[]).includes(source)) {
      return { ok: false, message: `symbol overrides, line ${index + 1}: "${source}" is not a reference source (${REFERENCE_SOURCES.join(', ')})` };
    }
    symbols[source as ReferenceSource] = { ...symbols[source as ReferenceSource], [market]: symbol };
  }
  return { ok: true, symbols };
}

/** The overrides as the form shows them, one a line. */
export function formatSymbolOverrides(symbols: VenueAccountView['symbols']): string {
  return Object.entries(symbols)
    .flatMap(([source, map]) => Object.entries(map ?? {}).map(([market, symbol]) => `${source} ${market}=${symbol}`))
    .join('\n');
}

/**
 * The save params for the form; `id` when editing. A key is sent only for Paradex and only when
 * typed: leaving it blank on an edit keeps the key main holds.
 */
export function readAccountForm(text: AccountFormText, privateKey: string, id?: string): FormReading {
  const symbols = parseSymbolOverrides(text.symbols);
  if (!symbols.ok) return symbols;
  const subaccount = text.subaccount.trim() === '' ? 0 : Number(text.subaccount.trim());
  if (text.venue === 'dydx' && !Number.isInteger(subaccount)) return { ok: false, message: 'subaccount: a whole number such as 0' };
  const optionalUrl = (key: 'restUrl' | 'wsUrl' | 'rpcUrl') => (text[key].trim() ? { [key]: text[key].trim() } : {});
  const key = text.venue === 'paradex' ? privateKey.trim() : '';
  return {
    ok: true,
    params: {
      ...(id ? { id } : {}),
      account: {
        label: text.label.trim(),
        venue: text.venue,
        network: text.network,
        address: text.address.trim(),
        ...(text.venue === 'dydx' ? { subaccount } : {}),
        ...(text.venue === 'paradex' ? { subkey: text.subkey } : {}),
        markets: splitMarkets(text.markets),
        sources: REFERENCE_SOURCES.filter((s) => text.sources.includes(s)),
        symbols: symbols.symbols,
        ...optionalUrl('restUrl'),
        ...optionalUrl('wsUrl'),
        ...optionalUrl('rpcUrl'),
      },
      ...(key ? { privateKey: key } : {}),
    },
  };
}

/** A saved account back as form text, for editing. */
export function accountToForm(account: VenueAccountView): AccountFormText {
  return {
    label: account.label,
    venue: account.venue,
    network: account.network,
    address: account.address,
    subaccount: String(account.subaccount),
    markets: account.markets.join(', '),
    sources: [...account.sources],
    symbols: formatSymbolOverrides(account.symbols),
    restUrl: account.restUrl ?? '',
    wsUrl: account.wsUrl ?? '',
    rpcUrl: account.rpcUrl ?? '',
    subkey: account.subkey,
  };
}
