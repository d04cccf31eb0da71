/**
 * Our link to the venue, kept apart from what the venue says: when we cannot reach it, the
 * failure on our side is named (DNS, refused, TLS, sign-in rejected, timeout) with the attempt and
 * a countdown to the next one; when the venue itself closed the link, it says so in its words.
 */
import type { BlackboxApi } from '../../../shared/contract';
import type { LinkView, TerminalSnapshot } from '../../../shared/snapshot';
import { useNow } from './use-now';

export function retryText(link: LinkView, now: number): string {
  if (link.nextRetryAt === null) return '';
  const seconds = Math.max(0, Math.ceil((link.nextRetryAt - now) / 1000));
  return seconds === 0 ? ' · retrying now' : ` · next try in ${seconds} s`;
}

export function LinkStatus({ api, venue, link }: { api: BlackboxApi; venue: TerminalSnapshot['venue']; link: LinkView | undefined }) {
  // A countdown needs the clock; a healthy link does not.
  const now = useNow(link?.nextRetryAt ? 250 : 60_000);
  if (venue.connection === 'connected' || !link || link.detail === null) {
    return (
      <span className={`pill conn-${venue.connection}`} data-testid="connection" data-problem="">
        {venue.connection}
      </span>
    );
  }
  const ours = link.problem !== null;
  return (
    <span className={`pill conn-disconnected`} data-testid="connection" data-problem={link.problem ?? 'venue'} title={link.detail}>
      disconnected — {ours ? 'we cannot reach the venue' : 'the venue closed the link'}: {link.summary}
      {link.attempt > 1 ? ` (attempt ${link.attempt})` : ''}
      <span data-testid="retry-countdown">{retryText(link, now)}</span>
      {link.nextRetryAt !== null && (
        <button type="button" className="retry-now" onClick={() => void api.retryConnection({})}>Retry now</button>
      )}
    </span>
  );
}
