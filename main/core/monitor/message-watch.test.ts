import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../venues/port';
import { MESSAGE_FINDING_EVERY_MS, MessageWatch, TRANSIENT_GRACE_MS } from './message-watch';

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

describe('a network failure on our side', () => {
  const reset = (at: number): Extract<VenueEvent, { kind: 'venue_error' }> => ({ kind: 'venue_error', source: 'rest', reason: 'read ECONNRESET', raw: null, at, venueAt: null });

  it('is retried before it becomes a finding, and one that clears never does', () => {
    const watch = new MessageWatch();
    expect(watch.onProblem(reset(0), 1)).toBeNull();
    expect(watch.onProblem(reset(10_000), 2)).toBeNull();
    // Quiet for longer than the grace: the next failure starts again.
    expect(watch.onProblem(reset(10_000 + TRANSIENT_GRACE_MS), 3)).toBeNull();
    expect(watch.onProblem(reset(20_000 + TRANSIENT_GRACE_MS), 4)).toBeNull();
  });

  it('becomes a finding in our words once it persists past the grace', () => {
    const watch = new MessageWatch();
    for (let at = 0; at < TRANSIENT_GRACE_MS; at += 10_000) expect(watch.onProblem(reset(at), at + 1)).toBeNull();
    expect(watch.onProblem(reset(TRANSIENT_GRACE_MS), 99)).toMatchObject({
      kind: 'VENUE_ERROR', evidence: [99], summary: 'We could not reach the venue (rest) for 30 s: Network error (ECONNRESET)',
    });
  });
});
