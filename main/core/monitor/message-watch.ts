/**
 * Venue messages we could not read and venue errors while polling (429, 403, 5xx) become
 * findings, so the trader sees them among the incidents rather than only in the journal. Every
 * one is journalled raw; findings are at most one per source and kind a minute, counting the
 * rest, so a venue sending junk at a high rate cannot flood the journal with incident records.
 */
import type { Finding } from '../../../shared/incidents';
import type { VenueEvent } from '../venues/port';

export const MESSAGE_FINDING_EVERY_MS = 60_000;

type Problem = Extract<VenueEvent, { kind: 'malformed' | 'venue_error' }>;

export class MessageWatch {
  private readonly last = new Map<string, { at: number; since: number }>();

  /** A finding for this problem, or null while one of its kind and source was reported less than a minute ago. */
  onProblem(event: Problem, seq: number): Finding | null {
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
      summary: `${malformed ? 'Unreadable venue message' : 'Venue error'} (${event.source}): ${text}${more}`,
      detail: { source: event.source, problem: text, unreportedBefore: last?.since ?? 0 },
    };
  }
}
