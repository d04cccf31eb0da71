/**
 * Venue messages we could not read and venue errors while polling (429, 403, 5xx) become
 * findings, so the trader sees them among the incidents rather than only in the journal. Every
 * one is journalled raw; findings are at most one per source and kind a minute, counting the
 * rest, so a venue sending junk at a high rate cannot flood the journal with incident records.
 */
import type { Finding } from '../../../shared/incidents';
import { classifyLinkFailure } from '../venues/link-problem';
import type { VenueEvent } from '../venues/port';

export const MESSAGE_FINDING_EVERY_MS = 60_000;
/**
 * A network failure on our side (a reset, a name that does not resolve, a refused port) is
 * retried before it counts: it becomes a finding only while it still happens this long after it
 * first did. A quiet spell this long starts the count again.
 */
export const TRANSIENT_GRACE_MS = 30_000;

type Problem = Extract<VenueEvent, { kind: 'malformed' | 'venue_error' }>;

export class MessageWatch {
  private readonly last = new Map<string, { at: number; since: number }>();
  private readonly network = new Map<string, { first: number; last: number }>();

  /** A finding for this problem, or null while one of its kind and source was reported less than a minute ago. */
  onProblem(event: Problem, seq: number): Finding | null {
    const ours = event.kind === 'venue_error' ? classifyLinkFailure(event.reason) : null;
    if (ours) {
      const seen = this.network.get(event.source);
      const fresh = !seen || event.at - seen.last >= TRANSIENT_GRACE_MS;
      const window = fresh ? { first: event.at, last: event.at } : { first: seen.first, last: event.at };
      this.network.set(event.source, window);
      if (event.at - window.first < TRANSIENT_GRACE_MS) return null;
    }
    const key = `${event.kind}:${event.source}`;
    const last = this.last.get(key);
    if (last && event.at - last.at < MESSAGE_FINDING_EVERY_MS) {
      last.since += 1;
      return null;
    }
    this.last.set(key, { at: event.at, since: 0 });
    const malformed = event.kind === 'malformed';
    const text = malformed ? event.problem : event.reason;
    const more = last && last.since > 0 ? ` (${last.since} more since the last report)` : '';
    return {
      kind: malformed ? 'MALFORMED_MESSAGE' : 'VENUE_ERROR',
      market: null,
      clientIds: [],
      at: event.at,
      detectedAt: event.at,
      evidence: [seq],
      summary: ours
        ? `We could not reach the venue (${event.source}) for ${Math.round((event.at - this.network.get(event.source)!.first) / 1000)} s: ${ours.summary}${more}`
        : `${malformed ? 'Unreadable venue message' : 'Venue error'} (${event.source}): ${text}${more}`,
      detail: { source: event.source, problem: text, unreportedBefore: last?.since ?? 0 },
    };
  }
}
