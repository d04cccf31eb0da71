/** Everything a dYdX v4 watch adapter needs to know, with the defaults a careful trader would pick. */
import type { Clock } from '../../clock';
import type { Backoff } from '../stream-link';

export interface DydxConfig {
  /** Indexer REST base including `/v4`, e.g. https://indexer.dydx.trade/v4. */
  restUrl: string;
  /** e.g. wss://indexer.dydx.trade/v4/ws. */
  wsUrl: string;
  /** The dydx1… address watched; reads by address need no credentials. */
  address: string;
  subaccountNumber: number;
  /**
   * Markets whose status makes the venue mode and whose prices are reported. dYdX has no global
   * mode, only per-market status; empty folds every listed market that is trading or paused.
   */
  markets: string[];
  clock: Clock;
  requestTimeoutMs?: number;
  /** `/v4/height` poll period beside the `v4_block_height` channel; null: not polled. */
  heightPollMs?: number | null;
  /** `/v4/perpetualMarkets` poll period for market status; null: not polled. */
  statusPollMs?: number | null;
  /** The subaccount's equity has no channel of its own; null: not polled. */
  accountPollMs?: number | null;
  backoff?: Partial<Backoff>;
  /** The indexer pings every 30 s; null turns the idle watch off. */
  idleTimeoutMs?: number | null;
  /** Most items one history look-up returns (the indexer pages by `limit`). */
  historyLimit?: number;
}

export const DYDX_DEFAULTS = {
  requestTimeoutMs: 5_000,
  heightPollMs: 5_000,
  statusPollMs: 30_000,
  accountPollMs: 15_000,
  backoff: { initialMs: 500, maxMs: 30_000, factor: 2 } satisfies Backoff,
  idleTimeoutMs: 70_000,
  historyLimit: 1_000,
};
