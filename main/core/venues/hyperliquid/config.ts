/**
 * Everything a Hyperliquid watch adapter needs to know. The client is our own rather than
 * @nktkas/hyperliquid: a watch adapter reads six info types and four channels, and must keep
 * every raw message, time out and reconnect on the injected clock and parse with the same strict
 * zod rules as the other dialects — the SDK's own transport and validation would stand in the way.
 */
import type { Clock } from '../../clock';
import type { Backoff } from '../stream-link';

export interface HyperliquidConfig {
  /** API origin; `/info` and `/ws` are below it, e.g. https://api.hyperliquid.xyz. */
  apiUrl: string;
  /** e.g. wss://api.hyperliquid.xyz/ws. */
  wsUrl: string;
  /** The 0x… address watched; info requests need no credentials. */
  user: string;
  /** Coins whose prices stream (`activeAssetCtx`), e.g. BTC, ETH. */
  markets: string[];
  clock: Clock;
  requestTimeoutMs?: number;
  /** `exchangeStatus` poll period; null: not polled. */
  statusPollMs?: number | null;
  /** `clearinghouseState` (equity and positions have no channel of their own); null: not polled. */
  accountPollMs?: number | null;
  backoff?: Partial<Backoff>;
  /** The venue closes a link silent for about 60 s; we ping more often than that. */
  pingEveryMs?: number;
  idleTimeoutMs?: number | null;
}

export const HYPERLIQUID_DEFAULTS = {
  requestTimeoutMs: 5_000,
  statusPollMs: 5_000,
  accountPollMs: 10_000,
  backoff: { initialMs: 500, maxMs: 30_000, factor: 2 } satisfies Backoff,
  pingEveryMs: 30_000,
  idleTimeoutMs: 70_000,
};
