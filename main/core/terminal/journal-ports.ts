/** The journal as order entry and the recorder see it. Payloads are checked by the journal itself. */
import type { Journal } from '../journal/journal';
import type { NewEvent } from '../journal/payloads';
import type { DurableJournal, NewJournalEvent } from '../orders/journal-port';
import type { RecordingJournal } from './venue-recorder';

/** Every record appended through these ports belongs to `account`; every read is scoped to it. */
export function journalPorts(journal: Journal, account: string): DurableJournal & RecordingJournal {
  return {
    append: (event: NewJournalEvent, options) => journal.append({ ...event, account } as NewEvent, options),
    appendDurable: (event: NewJournalEvent) => journal.append({ ...event, account } as NewEvent, { durable: true }),
    positionSize: (market: string) => journal.positions({ account }).find((p) => p.market === market)?.size ?? '0',
    knownFill: (venue: string, fillId: string) => journal.knownFill(account, venue, fillId),
    knownOrder: (clientId: string | null, venueOrderId: string | null) =>
      (clientId === null ? undefined : journal.orders({ account, clientId })[0]) ??
      (venueOrderId === null ? undefined : journal.orders({ account, venueOrderId })[0]) ??
      null,
  };
}
