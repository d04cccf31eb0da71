/**
 * dYdX has no venue-wide mode: each market has its own status (venue-apis.md §2.2). The venue
 * mode we report is the most restrictive status among the markets watched. A market still
 * INITIALIZING or in FINAL_SETTLEMENT is not trading for good reasons of its own, so it says
 * nothing about the venue and is left out; PAUSED means trading is unavailable → maintenance.
 */
import type { VenueMode } from '../port';
import type { MarketStatus } from './schemas';

const MODE_OF: Record<MarketStatus, VenueMode | null> = {
  ACTIVE: 'ok',
  POST_ONLY: 'post_only',
  CANCEL_ONLY: 'cancel_only',
  PAUSED: 'maintenance',
  INITIALIZING: null,
  FINAL_SETTLEMENT: null,
};

const SEVERITY: VenueMode[] = ['ok', 'post_only', 'cancel_only', 'maintenance'];

/** null when no watched market speaks for the venue (none listed, or all settling/initializing). */
export function venueMode(statuses: ReadonlyMap<string, MarketStatus>, watched: readonly string[]): VenueMode | null {
  const tickers = watched.length > 0 ? watched : [...statuses.keys()];
  let worst: VenueMode | null = null;
  for (const ticker of tickers) {
    const status = statuses.get(ticker);
    const mode = status === undefined ? null : MODE_OF[status];
    if (mode !== null && (worst === null || SEVERITY.indexOf(mode) > SEVERITY.indexOf(worst))) worst = mode;
  }
  return worst;
}
