import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../venues/port';
import { MESSAGE_FINDING_EVERY_MS, MessageWatch } from './message-watch';

const malformed = (at: number, problem = 'not JSON'): VenueEvent => ({ kind: 'malformed', source: 'ws', problem, raw: '{oops', at, venueAt: null });
const venueError = (at: number): VenueEvent => ({ kind: 'venue_error', source: 'rest', reason: 'HTTP 429', raw: '{"error":"rate limited"}', at, venueAt: null });

describe('unreadable messages and venue errors as findings', () => {
  it('reports the first at once, then at most one a minute per kind and source, counting the ones in between', () => {
    const watch = new MessageWatch();
    const at = (event: VenueEvent, seq: number) => watch.onProblem(event as Extract<VenueEvent, { kind: 'malformed' | 'venue_error' }>, seq);
    expect(at(malformed(0), 1)).toMatchObject({ kind: 'MALFORMED_MESSAGE', evidence: [1], summary: 'Unreadable venue message (ws): not JSON' });
    expect(at(malformed(1_000), 2)).toBeNull();
    expect(at(malformed(2_000), 3)).toBeNull();
    expect(at(venueError(2_500), 4)).toMatchObject({ kind: 'VENUE_ERROR', summary: 'Venue error (rest): HTTP 429', detail: { source: 'rest' } });
    expect(at(malformed(MESSAGE_FINDING_EVERY_MS, 'bad enum'), 5)).toMatchObject({
      evidence: [5], summary: 'Unreadable venue message (ws): bad enum (2 more since the last report)', detail: { unreportedBefore: 2 },
    });
  });
});
