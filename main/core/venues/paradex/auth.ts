/**
 * The seam for Paradex credentials. Real Paradex needs a Starknet account and SNIP-12 signatures
 * (venue-apis.md §1.8); that implementation plugs in here. The simulator accepts its own
 * development credentials instead, which SimDevAuthenticator presents.
 */
import type { Clock } from '../../clock';
import { DEFAULT_REFRESH_AFTER_MS, JwtCache, readJwtAnswer } from './jwt-cache';
import { SIM_DEV_ACCOUNT, SIM_DEV_KEY } from '../../sim/dev-credentials';
import { httpRequest } from '../http';

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

export interface SimDevAuthOptions {
  restUrl: string;
  clock: Clock;
  timeoutMs: number;
  /** Paradex recommends a new token after about 3 of its 5 minutes. */
  refreshAfterMs?: number;
}

/** The simulator's `/v1/auth` takes its dev account and the dev key as the signature's r value. */
const SIM_SIGNATURE = JSON.stringify([SIM_DEV_KEY, '0']);
const SIGNATURE_LIFETIME_S = 30 * 60;

export class SimDevAuthenticator implements Authenticator {
  private readonly jwt: JwtCache;
  constructor(private readonly options: SimDevAuthOptions) {
    this.jwt = new JwtCache(options.clock, options.refreshAfterMs ?? DEFAULT_REFRESH_AFTER_MS, () => this.requestJwt());
  }

  getJwt(): Promise<JwtResult> {
    return this.jwt.get();
  }

  invalidate(): void {
    this.jwt.invalidate();
  }

  signOrder(): Promise<SignResult> {
    return Promise.resolve({ ok: true, signature: SIM_SIGNATURE, signatureTimestamp: this.options.clock.now() });
  }

  private async requestJwt(): Promise<JwtResult> {
    const { clock, restUrl, timeoutMs } = this.options;
    const requestedAt = clock.now();
    const timestamp = Math.floor(requestedAt / 1000);
    const outcome = await httpRequest(clock, {
      method: 'POST',
      url: `${restUrl}/auth`,
      timeoutMs,
      headers: {
        'PARADEX-STARKNET-ACCOUNT': SIM_DEV_ACCOUNT,
        'PARADEX-STARKNET-SIGNATURE': SIM_SIGNATURE,
        'PARADEX-TIMESTAMP': String(timestamp),
        'PARADEX-SIGNATURE-EXPIRATION': String(timestamp + SIGNATURE_LIFETIME_S),
      },
    });
    return readJwtAnswer(outcome);
  }
}
