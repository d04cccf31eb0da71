/**
 * Journals the independent reference samples (on change and at least every few seconds per
 * source, so a frozen source still shows as frozen) and every feed failure.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { ReferenceEvent } from '../reference/poller';
import { PriceSampler } from './price-sampling';
import type { RecordingJournal } from './venue-recorder';

export class ReferenceRecorder {
  private readonly samples = new PriceSampler();

  constructor(private readonly journal: RecordingJournal) {}

  record(event: ReferenceEvent): JournalEvent | null {
    if (event.kind === 'feed_error') {
      const { source, market, at, reason, raw } = event.error;
      return this.journal.append({ venue: 'reference', kind: 'REFERENCE_ERROR', market, payload: { source, reason, at }, raw }, { durable: false });
    }
    const { source, market, price, receivedAt, raw } = event.sample;
    if (!this.samples.take(`${source}|${market}`, price, receivedAt)) return null;
    return this.journal.append({ venue: 'reference', kind: 'PRICE_SAMPLE', market, payload: { source, price, receivedAt }, raw }, { durable: false });
  }
}
