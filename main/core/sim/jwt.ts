/**
 * Bearer tokens for the simulator: HS256 JWTs with a fixed key (replays stay byte-identical),
 * expiring like Paradex's after 5 minutes of the engine's clock unless configured otherwise.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';

export const DEFAULT_JWT_TTL_MS = 5 * 60_000;
const KEY = 'blackbox-simulator-jwt-key';
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export type JwtCheck = { ok: true; account: string } | { ok: false; reason: 'malformed' | 'invalid' | 'expired' };

export class JwtIssuer {
  private issued = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = DEFAULT_JWT_TTL_MS,
  ) {}

  issue(account: string): string {
    const now = this.clock.now();
    const payload = base64url(JSON.stringify({ sub: account, iat: now, exp: now + this.ttlMs, jti: ++this.issued }));
    return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`)}`;
  }

  verify(token: string): JwtCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    let claims: { sub?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' };
    if (this.clock.now() >= claims.exp) return { ok: false, reason: 'expired' };
    return { ok: true, account: claims.sub };
  }
}

function sign(data: string): string {
  return createHmac('sha256', KEY).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
