import type { IncidentView } from '../../../shared/incidents';
import type { TerminalSnapshot } from '../../../shared/snapshot';
import { bannerFor } from './banner-text';

/** Under the status bar whenever the venue is not ok; nothing otherwise. */
export function StatusBanner({ venue, incidents }: { venue: TerminalSnapshot['venue']; incidents: readonly IncidentView[] }) {
  const banner = bannerFor(venue, incidents);
  if (!banner) return null;
  return (
    <div className={`status-banner banner-${banner.severity}`} role="alert" data-testid="status-banner" data-status={banner.status}>
      {banner.text}
    </div>
  );
}
