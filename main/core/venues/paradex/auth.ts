/**
 * The seam for Paradex credentials. Real Paradex needs a Starknet account and SNIP-12 signatures
 * (venue-apis.md §1.8): StarknetAuthenticator. The simulator's development credentials live with
 * the simulator (sim/dev-authenticator.ts), never here.
 */

/** The order fields a signature covers, as they will be sent. */
export interface UnsignedOrder {
  market: string;
  side: string;
  type: string;
  size: string;
  price?: string;
  trigger_price?: string;
}

export type JwtResult = { ok: true; jwt: string } | { ok: false; reason: string };
export type SignResult = { ok: true; signature: string; signatureTimestamp: number } | { ok: false; reason: string };

export interface Authenticator {
  /** A bearer token valid for at least the next request; refreshed before the venue's 5-minute expiry. */
  getJwt(): Promise<JwtResult>;
  /** Drops the cached token, e.g. after the venue answered 401. */
  invalidate(): void;
  signOrder(order: UnsignedOrder): Promise<SignResult>;
}
