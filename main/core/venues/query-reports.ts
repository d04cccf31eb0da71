/**
 * What every adapter does with its REST answers: anything unreadable goes on the event stream
 * (so the journal keeps it), and each poll leaves a trace — its samples, or the venue error that
 * stood in their way.
 */
import type { Clock } from '../clock';
import { DriftNotices, type FieldDrift } from './common/drift';
import type { MalformedItem, MessageSource, QueryError, QueryResult, VenueEvent } from './port';

/** An event a poll produced, before the time and the raw answer are stamped on it. */
export type SampleBody = Record<string, unknown> & { kind: VenueEvent['kind'] };

export class QueryReports {
  /** Shared with the adapter's stream, so a drift seen over REST is not reported again from the socket. */
  readonly drifts = new DriftNotices();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (event: VenueEvent) => void,
  ) {}

  /** Passes the answer on, reporting its unreadable items (or the whole answer, if unreadable). */
  async reported<T>(pending: Promise<QueryResult<T>>, source: MessageSource = 'rest'): Promise<QueryResult<T>> {
    const result = await pending;
    const bad = result.ok
      ? result.malformed
      : result.error.kind === 'malformed'
        ? [{ raw: result.error.raw ?? '', problem: result.error.message }]
        : [];
    this.malformed(bad, source);
    if (result.ok) this.drift(result.drift, source, result.raw[0] ?? '');
    return result;
  }

  /** Schema drift not reported before from this source, as notices. */
  drift(drift: readonly FieldDrift[] | undefined, source: MessageSource, raw: string): void {
    for (const event of this.drifts.events(drift, source, this.clock.now(), raw)) this.emit(event);
  }

  malformed(items: MalformedItem[], source: MessageSource): void {
    const at = this.clock.now();
    for (const item of items) this.emit({ kind: 'malformed', source, problem: item.problem, at, venueAt: null, raw: item.raw });
  }

  /**
   * Emits a poll's samples with the answer that carried them, or a venue error when the venue
   * answered none (unreadable answers were reported by `reported`). Returns that error, if any.
   */
  sample<T>(result: QueryResult<T>, source: MessageSource, toEvents: (value: T) => SampleBody[]): QueryError | null {
    const at = this.clock.now();
    if (result.ok) {
      for (const event of toEvents(result.value)) this.emit({ ...event, at, venueAt: null, raw: result.raw.join('\n') } as VenueEvent);
      return null;
    }
    if (result.error.kind === 'malformed') return null;
    const { message, raw } = result.error;
    this.emit({ kind: 'venue_error', source, reason: message, at, venueAt: null, raw });
    return result.error;
  }
}
