import type { TerminalSnapshot } from '../../../shared/snapshot';
import { NotificationButton } from '../notify/NotificationButton';
import { UtcClock } from './UtcClock';

const since = (ms: number | null) => (ms === null ? '' : ` since ${new Date(ms).toISOString().slice(11, 19)}`);

export function StatusBar({ snapshot }: { snapshot: TerminalSnapshot }) {
  const { venue, journal } = snapshot;
  return (
    <header className="status-bar" data-testid="status-bar">
      <span className="brand">BLACKBOX</span>
      <span className="venue-account" data-testid="venue-account" title="The account the terminal runs on (Settings › Venue accounts)">
        {venue.account}
      </span>
      {venue.watchOnly && (
        <span className="pill watch-only" data-testid="watch-only" title="Watched by address: no order can be placed or cancelled from here">
          watch only
        </span>
      )}
      <span className={`pill mode-${venue.status}`} data-testid="venue-mode" title={`Venue ${venue.name}`}>
        {venue.name} · {venue.status}
        {since(venue.since)}
      </span>
      <span className={`pill conn-${venue.connection}`} data-testid="connection">
        {venue.connection}
      </span>
      <span className={`pill journal-${journal.state}`} data-testid="journal-health" title={journal.path}>
        journal {journal.state} · {journal.events.toLocaleString('en-US')} events
        {journal.head ? ` · ${journal.head.slice(0, 8)}` : ''}
      </span>
      {journal.state !== 'ok' && <span className="journal-message">{journal.message}</span>}
      <span className="spacer" />
      <NotificationButton />
      <UtcClock />
    </header>
  );
}
