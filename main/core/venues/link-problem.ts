/**
 * Whose problem a lost link is. The network stack's words for a failure on our side (a name that
 * does not resolve, a refused port, a certificate, a timeout) are kept apart from the venue's own
 * (it closed the link, refused our greeting, said maintenance): "we cannot reach it" is not "the
 * venue says". An HTTP 401/403 on the upgrade is the venue rejecting our credentials.
 */
import type { LinkProblem } from '../../../shared/snapshot';

const RULES: { problem: LinkProblem; test: RegExp; say: (m: RegExpExecArray, reason: string) => string }[] = [
  { problem: 'dns', test: /(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\s*([\w.-]*)|getaddrinfo(?!.*E(?:NOTFOUND|AI_))()/i, say: (m) => `DNS lookup failed${hostOf(m[1] || m[2])}` },
  { problem: 'refused', test: /ECONNREFUSED\s*([\w.:[\]-]*)/i, say: (m) => `Connection refused${m[1] ? ` by ${m[1]}` : ''}` },
  { problem: 'tls', test: /certificate|CERT_|SSL|TLS|self[- ]signed/i, say: () => 'TLS handshake failed (certificate)' },
  { problem: 'auth', test: /Unexpected server response: (401|403)|unauthori[sz]ed|forbidden|invalid (?:api )?key|auth(?:entication)? (?:failed|rejected)/i, say: () => 'Sign-in rejected by the venue' },
  { problem: 'timeout', test: /ETIMEDOUT|timed out|timeout/i, say: () => 'Connection timed out' },
  { problem: 'network', test: /ECONNRESET|ENETUNREACH|EHOSTUNREACH|ENETDOWN|EPIPE|socket hang up/i, say: (_m, reason) => `Network error (${/E[A-Z]+/.exec(reason)?.[0] ?? 'connection reset'})` },
];

const hostOf = (host: string | undefined) => (host ? ` for ${host}` : '');

export interface ClassifiedFailure {
  problem: LinkProblem;
  summary: string;
}

/** Our-side problem named, or null when the reason is the venue's own word. */
export function classifyLinkFailure(reason: string): ClassifiedFailure | null {
  for (const rule of RULES) {
    const match = rule.test.exec(reason);
    if (match) return { problem: rule.problem, summary: rule.say(match, reason) };
  }
  return null;
}
