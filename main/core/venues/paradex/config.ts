/** Everything a Paradex adapter needs to know, with the defaults a careful trader would pick. */
import type { Clock } from '../../clock';
import type { Authenticator } from './auth';
import type { Backoff } from '../stream-link';

export interface ParadexConfig {
  /** REST base including `/v1`, e.g. https://api.prod.paradex.trade/v1. */
  restUrl: string;
  /** e.g. wss://ws.api.prod.paradex.trade/v1. */
  wsUrl: string;
  /** Starknet RPC proxy, e.g. https://rpc.api.prod.paradex.trade/rpc/v0_8; null: no chain height. */
  rpcUrl: string | null;
  /** Markets whose prices are reported; empty reports every market the venue sends. */
  markets: string[];
  clock: Clock;
  auth: Authenticator;
  /** After this long without an answer an order is unresolved. */
  requestTimeoutMs?: number;
  /** `/system/state` poll period (the venue has no status channel); null: not polled. */
  statusPollMs?: number | null;
  chainPollMs?: number | null;
  backoff?: Partial<Backoff>;
  /**
   * The venue pings every 55 s, so a link silent for longer is dead even if no one closed it.
   * null turns the watch off (e.g. a replay whose simulator does not ping on virtual time).
   */
  idleTimeoutMs?: number | null;
  pageSize?: number;
  maxPages?: number;
}

export const PARADEX_CHANNELS = ['markets_summary', 'orders.ALL', 'fills.ALL', 'positions', 'account', 'tradebusts', 'transaction'] as const;

export const PARADEX_DEFAULTS = {
  requestTimeoutMs: 5_000,
  statusPollMs: 2_000,
  chainPollMs: 2_000,
  backoff: { initialMs: 500, maxMs: 30_000, factor: 2 } satisfies Backoff,
  idleTimeoutMs: 70_000,
  pageSize: 100,
  maxPages: 1_000,
};
