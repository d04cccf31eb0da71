/**
 * A venue account as the trader set it up, turned into the adapter the terminal runs on. Paradex
 * trades with the account's (or a subkey's) Starknet key; dYdX and Hyperliquid are read by address.
 */
import type { VenueAccount } from '../../../shared/venue-accounts';
import type { Clock } from '../clock';
import { DydxAdapter } from './dydx/adapter';
import { HyperliquidAdapter } from './hyperliquid/adapter';
import { endpointsFor } from './networks';
import { ParadexAdapter } from './paradex/adapter';
import type { Authenticator } from './paradex/auth';
import { StarknetAuthenticator } from './paradex/starknet-auth';
import type { VenueAdapter } from './port';

const AUTH_TIMEOUT_MS = 5_000;

export const NO_PARADEX_KEY =
  "needs a Paradex JWT, which needs the account's Starknet private key; the address alone opens no private Paradex endpoint";

/** Without a key only Paradex's public endpoints answer; every private call says why. */
const noCredentials: Authenticator = {
  getJwt: () => Promise.resolve({ ok: false, reason: NO_PARADEX_KEY }),
  invalidate: () => {},
  signOrder: () => Promise.resolve({ ok: false, reason: NO_PARADEX_KEY }),
};

/** `key` is a Paradex account's Starknet private key (or its subkey's); null reads public data only. */
export function adapterForAccount(account: VenueAccount, key: string | null, clock: Clock): VenueAdapter {
  const { restUrl, wsUrl, rpcUrl } = endpointsFor(account.venue, account.network, account);
  switch (account.venue) {
    case 'dydx':
      return new DydxAdapter({ restUrl, wsUrl, address: account.address, subaccountNumber: account.subaccount, markets: account.markets, clock });
    case 'hyperliquid':
      return new HyperliquidAdapter({ apiUrl: restUrl, wsUrl, user: account.address, markets: account.markets, clock });
    case 'paradex': {
      const auth = key === null
        ? noCredentials
        : new StarknetAuthenticator({ restUrl, clock, timeoutMs: AUTH_TIMEOUT_MS, account: account.address, privateKey: key, subkey: account.subkey });
      return new ParadexAdapter({ restUrl, wsUrl, rpcUrl, markets: account.markets, clock, auth });
    }
  }
}

const VENUE_NAMES = { paradex: 'Paradex', dydx: 'dYdX', hyperliquid: 'Hyperliquid' } as const;

/** "Main · Paradex mainnet", for the status bar. */
export function accountLabel(account: Pick<VenueAccount, 'label' | 'venue' | 'network'>): string {
  return `${account.label} · ${VENUE_NAMES[account.venue]} ${account.network}`;
}
