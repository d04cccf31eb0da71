/**
 * The venues `blackbox watch` can read, built from the command line. dYdX and Hyperliquid read
 * everything by address. Paradex opens nothing private without a JWT, and a JWT needs the
 * account's Starknet key (BLACKBOX_PARADEX_PRIVATE_KEY, never a command-line argument, which
 * other users can see): with the address alone only the public endpoints are read.
 */
import { systemClock } from '../../../core/clock';
import { DYDX_MAINNET } from '../../../core/venues/dydx/config';
import { DydxAdapter } from '../../../core/venues/dydx/adapter';
import { HYPERLIQUID_MAINNET } from '../../../core/venues/hyperliquid/config';
import { HyperliquidAdapter } from '../../../core/venues/hyperliquid/adapter';
import { ParadexAdapter } from '../../../core/venues/paradex/adapter';
import type { Authenticator } from '../../../core/venues/paradex/auth';
import { StarknetAuthenticator } from '../../../core/venues/paradex/starknet-auth';
import type { VenueAdapter } from '../../../core/venues/port';
import { UsageError } from '../command';

export const WATCH_VENUES = ['paradex', 'dydx', 'hyperliquid'] as const;
export type WatchVenue = (typeof WATCH_VENUES)[number];

export interface WatchTarget {
  venue: WatchVenue;
  address: string;
  subaccount: number;
  markets: string[];
  restUrl: string | undefined;
  wsUrl: string | undefined;
}

export interface Watched {
  adapter: VenueAdapter;
  /** What this watch cannot see, and why. */
  unavailable: Record<string, string>;
  /** Paradex without credentials: the stream needs a JWT, so only the public endpoints are polled. */
  streams: boolean;
}

const PARADEX_MAINNET = { restUrl: 'https://api.prod.paradex.trade/v1', wsUrl: 'wss://ws.api.prod.paradex.trade/v1' };
const NO_PARADEX_KEY =
  'needs a Paradex JWT, which needs the account\'s Starknet private key (set BLACKBOX_PARADEX_PRIVATE_KEY); the address alone opens no private Paradex endpoint';

const ADDRESS_RULES: Record<WatchVenue, { pattern: RegExp; example: string }> = {
  dydx: { pattern: /^dydx1[0-9a-z]{38,58}$/, example: 'dydx1… (bech32)' },
  hyperliquid: { pattern: /^0x[0-9a-fA-F]{40}$/, example: '0x followed by 40 hex digits' },
  paradex: { pattern: /^0x[0-9a-fA-F]{1,64}$/, example: '0x followed by up to 64 hex digits (a Starknet account)' },
};

export function checkAddress(venue: WatchVenue, address: string): void {
  const rule = ADDRESS_RULES[venue];
  if (!rule.pattern.test(address)) throw new UsageError(`--address ${address} is not a ${venue} address (expected ${rule.example})`);
}

export function buildWatch(target: WatchTarget, env: NodeJS.ProcessEnv): Watched {
  const clock = systemClock;
  if (target.venue === 'dydx') {
    const adapter = new DydxAdapter({
      restUrl: target.restUrl ?? DYDX_MAINNET.restUrl, wsUrl: target.wsUrl ?? DYDX_MAINNET.wsUrl,
      address: target.address, subaccountNumber: target.subaccount, markets: target.markets, clock,
    });
    return { adapter, unavailable: { tradeBusts: 'dYdX settles fills in the block that matched them: there are no trade busts' }, streams: true };
  }
  if (target.venue === 'hyperliquid') {
    const adapter = new HyperliquidAdapter({
      apiUrl: target.restUrl ?? HYPERLIQUID_MAINNET.apiUrl, wsUrl: target.wsUrl ?? HYPERLIQUID_MAINNET.wsUrl,
      user: target.address, markets: target.markets.length > 0 ? target.markets : ['BTC', 'ETH'], clock,
    });
    return { adapter, unavailable: { chainHeight: 'Hyperliquid exposes no block height through its API' }, streams: true };
  }
  const restUrl = target.restUrl ?? PARADEX_MAINNET.restUrl;
  const key = env.BLACKBOX_PARADEX_PRIVATE_KEY;
  const auth: Authenticator = key
    ? new StarknetAuthenticator({ restUrl, clock, timeoutMs: 5_000, account: target.address, privateKey: key })
    : noCredentials;
  const adapter = new ParadexAdapter({
    restUrl, wsUrl: target.wsUrl ?? PARADEX_MAINNET.wsUrl, rpcUrl: null, markets: target.markets, clock, auth,
  });
  const unavailable: Record<string, string> = { chainHeight: 'no Starknet RPC URL is configured for watch' };
  if (!key) for (const what of ['account', 'positions', 'openOrders', 'recentFills', 'stream']) unavailable[what] = NO_PARADEX_KEY;
  return { adapter, unavailable, streams: Boolean(key) };
}

const noCredentials: Authenticator = {
  getJwt: () => Promise.resolve({ ok: false, reason: NO_PARADEX_KEY }),
  invalidate: () => {},
  signOrder: () => Promise.resolve({ ok: false, reason: NO_PARADEX_KEY }),
};
