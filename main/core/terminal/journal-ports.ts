/** The journal as order entry and the recorder see it. Payloads are checked by the journal itself. */
import type { Journal } from '../journal/journal';
import type { NewEvent } from '../journal/payloads';
import type { DurableJournal, NewJournalEvent } from '../orders/journal-port';
import type { RecordingJournal } from './venue-recorder';

export function journalPorts(journal: Journal): DurableJournal & RecordingJournal {
  return {
    append: (event: NewJournalEvent, options) => journal.append(event as NewEvent, options),
    appendDurable: (event: NewJournalEvent) => journal.append(event as NewEvent, { durable: true }),
    positionSize: (market: string) => journal.positions().find((p) => p.market === market)?.size ?? '0',
  };
}
