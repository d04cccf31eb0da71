/**
 * Journals the independent reference samples (on change and at least every few seconds per
 * source, so a frozen source still shows as frozen) and every feed failure.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { ReferenceEvent } from '../reference/poller';
import type { RecordingJournal } from './venue-recorder';

const RESAMPLE_MS = 5_000;

export class ReferenceRecorder {
  private readonly last = new Map<string, { price: string; at: number }>();

  constructor(private readonly journal: RecordingJournal) {}

  record(event: ReferenceEvent): JournalEvent | null {
    if (event.kind === 'feed_error') {
      const { source, market, at, reason, raw } = event.error;
      return this.journal.append({ venue: 'reference', kind: 'REFERENCE_ERROR', market, payload: { source, reason, at }, raw }, { durable: false });
    }
    const { source, market, price, receivedAt, raw } = event.sample;
    const key = `${source}|${market}`;
    const last = this.last.get(key);
    if (last && last.price === price && receivedAt - last.at < RESAMPLE_MS) return null;
    this.last.set(key, { price, at: receivedAt });
    return this.journal.append({ venue: 'reference', kind: 'PRICE_SAMPLE', market, payload: { source, price, receivedAt }, raw }, { durable: false });
  }
}
