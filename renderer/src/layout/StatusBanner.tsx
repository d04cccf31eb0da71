import type { IncidentView } from '../../../shared/incidents';
import type { LinkView, TerminalSnapshot } from '../../../shared/snapshot';
import { bannerFor } from './banner-text';
import { retryText } from './LinkStatus';
import { useNow } from './use-now';

/** Under the status bar whenever the venue is not ok; nothing otherwise. */
export function StatusBanner({ venue, incidents, link }: { venue: TerminalSnapshot['venue']; incidents: readonly IncidentView[]; link?: LinkView }) {
  const now = useNow(link?.nextRetryAt ? 250 : 60_000);
  const banner = bannerFor(venue, incidents, link);
  if (!banner) return null;
  return (
    <div className={`status-banner banner-${banner.severity}`} role="alert" data-testid="status-banner" data-status={banner.status}>
      {banner.text}
      {banner.status === 'unreachable' && link && <span>{retryText(link, now)}</span>}
    </div>
  );
}
