/**
 * The venues `blackbox watch` can read, built from the command line through the same account
 * builder the app uses. dYdX and Hyperliquid read everything by address. Paradex opens nothing
 * private without a JWT, and a JWT needs the account's Starknet key (BLACKBOX_PARADEX_PRIVATE_KEY,
 * never a command-line argument, which other users can see): with the address alone only the
 * public endpoints are read.
 */
import { ADDRESS_RULES, STARKNET_KEY, type AccountVenue, type Network } from '../../../../shared/venue-accounts';
import { systemClock } from '../../../core/clock';
import { adapterForAccount, NO_PARADEX_KEY } from '../../../core/venues/account-adapter';
import type { VenueAdapter } from '../../../core/venues/port';
import { UsageError } from '../command';

export const WATCH_VENUES = ['paradex', 'dydx', 'hyperliquid'] as const satisfies readonly AccountVenue[];
export type WatchVenue = (typeof WATCH_VENUES)[number];

export interface WatchTarget {
  venue: WatchVenue;
  address: string;
  network: Network;
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

/** Hyperliquid streams prices per coin, so a watch names some when the command line does not. */
const HYPERLIQUID_DEFAULT_COINS = ['BTC', 'ETH'];

export function checkAddress(venue: WatchVenue, address: string): void {
  const rule = ADDRESS_RULES[venue];
  if (!rule.pattern.test(address)) throw new UsageError(`--address ${address} is not a ${venue} address (expected ${rule.example})`);
}

export function buildWatch(target: WatchTarget, env: NodeJS.ProcessEnv): Watched {
  const key = target.venue === 'paradex' ? (env.BLACKBOX_PARADEX_PRIVATE_KEY || null) : null;
  if (key !== null && !STARKNET_KEY.test(key)) throw new UsageError('BLACKBOX_PARADEX_PRIVATE_KEY is not a Starknet private key (0x followed by up to 64 hex digits)');
  const markets = target.venue === 'hyperliquid' && target.markets.length === 0 ? HYPERLIQUID_DEFAULT_COINS : target.markets;
  const account = {
    id: 'A0', label: 'watch', venue: target.venue, network: target.network, address: target.address, subaccount: target.subaccount,
    subkey: false, markets, sources: [], symbols: {}, restUrl: target.restUrl, wsUrl: target.wsUrl,
  };
  const adapter = adapterForAccount(account, key, systemClock);
  if (target.venue === 'dydx') {
    return { adapter, unavailable: { tradeBusts: 'dYdX settles fills in the block that matched them: there are no trade busts' }, streams: true };
  }
  if (target.venue === 'hyperliquid') {
    return { adapter, unavailable: { chainHeight: 'Hyperliquid exposes no block height through its API' }, streams: true };
  }
  const unavailable: Record<string, string> = {};
  if (target.restUrl !== undefined) unavailable.chainHeight = 'the REST URL is overridden and no Starknet RPC URL goes with it';
  const why = `${NO_PARADEX_KEY} (set BLACKBOX_PARADEX_PRIVATE_KEY)`;
  if (!key) for (const what of ['account', 'balances', 'positions', 'openOrders', 'closedOrders', 'recentFills', 'recentFunding', 'stream']) unavailable[what] = why;
  return { adapter, unavailable, streams: Boolean(key) };
}
