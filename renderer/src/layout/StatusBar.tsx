import { formatCount, formatTime, formatWord } from '../../../shared/format';
import type { BlackboxApi } from '../../../shared/contract';
import type { TerminalSnapshot } from '../../../shared/snapshot';
import { shortAccount } from '../journal/short-account';
import { NotificationButton } from '../notify/NotificationButton';
import { LinkStatus } from './LinkStatus';
import { UtcClock } from './UtcClock';

const since = (ms: number | null) => (ms === null ? '' : ` since ${formatTime(ms)}`);

/** What the venue itself says (its mode) — or that we cannot know, when we cannot reach it. */
function venueSays(venue: TerminalSnapshot['venue']): string {
  if (venue.status === 'degraded') return venue.connection === 'connected' ? 'status not reported (degraded)' : 'status unknown (degraded)';
  if (venue.status === 'halted') return 'says ok, but no new blocks (halted)';
  return `says ${formatWord(venue.status)}`;
}

export function StatusBar({ api, snapshot }: { api: BlackboxApi; snapshot: TerminalSnapshot }) {
  const { venue, journal } = snapshot;
  return (
    <header className="status-bar" data-testid="status-bar">
      <span className="brand">BLACKBOX</span>
      <span className="venue-account" data-testid="venue-account" title={`The account the terminal runs on (Settings › Venue accounts)${venue.accountId ? `: ${venue.accountId}` : ''}`}>
        {venue.account}
      </span>
      {venue.accountId && (
        <span className="venue-account-id" data-testid="venue-account-id" title={venue.accountId}>
          {shortAccount(venue.accountId)}
        </span>
      )}
      {venue.watchOnly && (
        <span className="pill watch-only" data-testid="watch-only" title="Watched by address: no order can be placed or cancelled from here">
          watch only
        </span>
      )}
      <span className={`pill mode-${venue.status}`} data-testid="venue-mode" data-status={venue.status} title={`Venue ${venue.name}: ${venue.status}`}>
        {venue.name} {venueSays(venue)}
        {since(venue.since)}
      </span>
      <LinkStatus api={api} venue={venue} link={snapshot.link} />
      <span className={`pill journal-${journal.state}`} data-testid="journal-health" title={journal.path}>
        journal {formatWord(journal.state)} · {formatCount(journal.events)} events
        {journal.head ? ` · ${journal.head.slice(0, 8)}` : ''}
      </span>
      {journal.state !== 'ok' && <span className="journal-message">{journal.message}</span>}
      {snapshot.anchor && snapshot.anchor.state !== 'off' && (
        <span className={`pill anchor-${snapshot.anchor.state}`} data-testid="anchor-status" title="The journal head time-stamped by an RFC 3161 authority">
          {snapshot.anchor.line}
        </span>
      )}
      <span className="spacer" />
      <NotificationButton />
      <UtcClock />
    </header>
  );
}
