/**
 * The simulator's development sign-in for the Paradex adapter: `/v1/auth` on the simulator takes
 * its dev account and the dev key as the signature's r value (./dev-credentials). Only the
 * embedded simulator, replays and tests use it; a real venue would refuse it.
 */
import type { Clock } from '../clock';
import { httpRequest } from '../venues/http';
import type { Authenticator, JwtResult, SignResult } from '../venues/paradex/auth';
import { DEFAULT_REFRESH_AFTER_MS, JwtCache, readJwtAnswer } from '../venues/paradex/jwt-cache';
import { SIM_DEV_ACCOUNT, SIM_DEV_KEY } from './dev-credentials';

export interface SimDevAuthOptions {
  restUrl: string;
  clock: Clock;
  timeoutMs: number;
  /** Paradex recommends a new token after about 3 of its 5 minutes. */
  refreshAfterMs?: number;
}

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
