/**
 * Each venue's public endpoints per network (venue-apis.md §1.1, §2.1, §3.1). An account may
 * override any of them, e.g. to read a self-hosted dYdX indexer.
 */
import type { AccountVenue, Network } from '../../../shared/venue-accounts';

export interface VenueEndpoints {
  /** Paradex: REST base with /v1; dYdX: indexer base with /v4; Hyperliquid: the API origin. */
  restUrl: string;
  wsUrl: string;
  /** Paradex's Starknet RPC proxy; the others have none we read. */
  rpcUrl: string | null;
}

export const VENUE_ENDPOINTS: Record<AccountVenue, Record<Network, VenueEndpoints>> = {
  paradex: {
    mainnet: { restUrl: 'https://api.prod.paradex.trade/v1', wsUrl: 'wss://ws.api.prod.paradex.trade/v1', rpcUrl: 'https://rpc.api.prod.paradex.trade/rpc/v0_8' },
    testnet: { restUrl: 'https://api.testnet.paradex.trade/v1', wsUrl: 'wss://ws.api.testnet.paradex.trade/v1', rpcUrl: 'https://rpc.api.testnet.paradex.trade/rpc/v0_8' },
  },
  dydx: {
    mainnet: { restUrl: 'https://indexer.dydx.trade/v4', wsUrl: 'wss://indexer.dydx.trade/v4/ws', rpcUrl: null },
    testnet: { restUrl: 'https://indexer.v4testnet.dydx.exchange/v4', wsUrl: 'wss://indexer.v4testnet.dydx.exchange/v4/ws', rpcUrl: null },
  },
  hyperliquid: {
    mainnet: { restUrl: 'https://api.hyperliquid.xyz', wsUrl: 'wss://api.hyperliquid.xyz/ws', rpcUrl: null },
    testnet: { restUrl: 'https://api.hyperliquid-testnet.xyz', wsUrl: 'wss://api.hyperliquid-testnet.xyz/ws', rpcUrl: null },
  },
};

/**
 * The network's endpoints with the account's overrides applied. A REST override without an RPC
 * one reads no chain height: the network's RPC would describe another venue than the one asked.
 */
export function endpointsFor(venue: AccountVenue, network: Network, overrides: Partial<Record<keyof VenueEndpoints, string>>): VenueEndpoints {
  const base = VENUE_ENDPOINTS[venue][network];
  const rpcUrl = overrides.rpcUrl ?? (overrides.restUrl === undefined ? base.rpcUrl : null);
  return { restUrl: overrides.restUrl ?? base.restUrl, wsUrl: overrides.wsUrl ?? base.wsUrl, rpcUrl };
}
