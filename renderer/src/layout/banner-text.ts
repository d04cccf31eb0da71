/**
 * The banner under the status bar while the venue is not ok: which mode, since when, and why
 * main believes it (the open stall's own words for an inferred halt).
 */
import type { VenueStatus } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { LinkView, TerminalSnapshot } from '../../../shared/snapshot';
import { utcTime } from './utc-time';

export type BannerSeverity = 'critical' | 'warning';

export interface Banner {
  /** `unreachable`: we cannot reach the venue (our side), which is not a venue mode. */
  status: VenueStatus | 'unreachable';
  severity: BannerSeverity;
  text: string;
}

const MODES: Record<Exclude<VenueStatus, 'ok'>, { label: string; severity: BannerSeverity; why: string }> = {
  halted: { label: 'halted', severity: 'critical', why: 'the chain has produced no new block while the venue reports ok' },
  maintenance: { label: 'in maintenance', severity: 'critical', why: 'the venue reports maintenance: it accepts no orders' },
  cancel_only: { label: 'cancel-only', severity: 'warning', why: 'the venue accepts cancels only' },
  post_only: { label: 'post-only', severity: 'warning', why: 'the venue accepts post-only orders only' },
  degraded: { label: 'degraded', severity: 'warning', why: 'the venue has not reported its status' },
};

export function bannerFor(venue: TerminalSnapshot['venue'], incidents: readonly IncidentView[], link?: LinkView): Banner | null {
  if (venue.connection !== 'connected' && link?.problem) {
    // Our side: the venue may be fine; say what fails here instead of blaming it.
    const since = venue.since === null ? '' : ` since ${utcTime(venue.since)}`;
    return { status: 'unreachable', severity: 'critical', text: `Cannot reach the venue${since} — ${link.summary}. This is on our side of the link, not a venue status.` };
  }
  if (venue.status === 'ok') return null;
  const mode = MODES[venue.status];
  let why = mode.why;
  if (venue.status === 'halted') {
    const stall = [...incidents].reverse().find((i) => i.kind === 'HEIGHT_STALL' && i.closedAt === null);
    if (stall) why = `the chain has produced ${stall.findings[0].summary}`;
  } else if (venue.status === 'degraded' && venue.connection !== 'connected') {
    why = `the connection to the venue is ${venue.connection}`;
  }
  const since = venue.since === null ? '' : ` since ${utcTime(venue.since)}`;
  return { status: venue.status, severity: mode.severity, text: `Venue ${mode.label}${since} — ${why}` };
}
