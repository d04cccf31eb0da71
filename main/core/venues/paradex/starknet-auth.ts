/**
 * Real Paradex credentials (venue-apis.md §1.8): a JWT from `POST /v1/auth` signed with the
 * account's Starknet key over the SNIP-12 `Request` typed data, refreshed well before its
 * 5-minute expiry, and Starknet-signed orders. With `subkey` the key is a registered subkey of
 * the account: the request goes to `/v1/auth/{subkey public key}` for the same account.
 */
import { ec, shortString, typedData } from 'starknet';
import type { Clock } from '../../clock';
import { DEFAULT_REFRESH_AFTER_MS, JwtCache, readJwtAnswer } from './jwt-cache';
import { parseJson } from '../common/parsed';
import { httpRequest } from '../http';
import type { Authenticator, JwtResult, SignResult, UnsignedOrder } from './auth';
import { authTypedData, orderTypedData } from './starknet-typed-data';

export interface StarknetAuthOptions {
  /** REST base including `/v1`. */
  restUrl: string;
  clock: Clock;
  timeoutMs: number;
  /** The Paradex (Starknet) account address, 0x…. */
  account: string;
  /** The account's — or the subkey's — Starknet private key, 0x…. */
  privateKey: string;
  subkey?: boolean;
  /** `starknet_chain_id` of `/system/config` (e.g. PRIVATE_SN_PARACLEAR_MAINNET); read from the venue when absent. */
  chainId?: string;
  /** Paradex recommends a new token after about 3 of its 5 minutes. */
  refreshAfterMs?: number;
  /** How long the auth signature itself stays valid (the venue's default is 30 min). */
  signatureLifetimeS?: number;
}

export class StarknetAuthenticator implements Authenticator {
  private readonly jwt: JwtCache;
  private chainIdHex: string | null;

  constructor(private readonly options: StarknetAuthOptions) {
    this.chainIdHex = options.chainId ? shortString.encodeShortString(options.chainId) : null;
    this.jwt = new JwtCache(options.clock, options.refreshAfterMs ?? DEFAULT_REFRESH_AFTER_MS, () => this.requestJwt());
  }

  getJwt(): Promise<JwtResult> {
    return this.jwt.get();
  }

  invalidate(): void {
    this.jwt.invalidate();
  }

  async signOrder(order: UnsignedOrder): Promise<SignResult> {
    const chain = await this.chainId();
    if (!chain.ok) return chain;
    const signatureTimestamp = this.options.clock.now();
    try {
      const data = orderTypedData(chain.hex, {
        timestamp: signatureTimestamp, market: order.market, side: order.side as 'BUY' | 'SELL', type: order.type, size: order.size, price: order.price,
      });
      return { ok: true, signature: this.sign(data), signatureTimestamp };
    } catch (error) {
      return { ok: false, reason: `cannot sign the order: ${(error as Error).message}` };
    }
  }

  private sign(data: ReturnType<typeof authTypedData>): string {
    const hash = typedData.getMessageHash(data, this.options.account);
    const { r, s } = ec.starkCurve.sign(hash, this.options.privateKey);
    return JSON.stringify([r.toString(), s.toString()]);
  }

  private async requestJwt(): Promise<JwtResult> {
    const { clock, restUrl, timeoutMs, account, privateKey, subkey } = this.options;
    const chain = await this.chainId();
    if (!chain.ok) return chain;
    const requestedAt = clock.now();
    const timestamp = Math.floor(requestedAt / 1000);
    const expiration = timestamp + (this.options.signatureLifetimeS ?? 30 * 60);
    const path = subkey ? `/auth/${ec.starkCurve.getStarkKey(privateKey)}` : '/auth';
    const outcome = await httpRequest(clock, {
      method: 'POST',
      url: `${restUrl}${path}`,
      timeoutMs,
      headers: {
        'PARADEX-STARKNET-ACCOUNT': account,
        'PARADEX-STARKNET-SIGNATURE': this.sign(authTypedData(chain.hex, timestamp, expiration)),
        'PARADEX-TIMESTAMP': String(timestamp),
        'PARADEX-SIGNATURE-EXPIRATION': String(expiration),
      },
    });
    return readJwtAnswer(outcome);
  }

  /** The domain's chainId is the short-string felt of the venue's `starknet_chain_id`. */
  private async chainId(): Promise<{ ok: true; hex: string } | { ok: false; reason: string }> {
    if (this.chainIdHex) return { ok: true, hex: this.chainIdHex };
    const { clock, restUrl, timeoutMs } = this.options;
    const outcome = await httpRequest(clock, { method: 'GET', url: `${restUrl}/system/config`, timeoutMs });
    if (outcome.kind === 'failure') return { ok: false, reason: `system/config: ${outcome.reason}` };
    const json = parseJson(outcome.body);
    const id = json.ok ? (json.value as { starknet_chain_id?: unknown } | null)?.starknet_chain_id : undefined;
    if (outcome.status !== 200 || typeof id !== 'string' || id === '') {
      return { ok: false, reason: `system/config answered HTTP ${outcome.status} without starknet_chain_id` };
    }
    this.chainIdHex = shortString.encodeShortString(id);
    return { ok: true, hex: this.chainIdHex };
  }
}
