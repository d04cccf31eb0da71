import type { Migration } from './migration';

/**
 * A text index for the review screens' search (DESIGN §6), so that finding a rare id in a
 * million events reads a few index pages instead of every payload.
 *
 * `events_text` is an FTS5 table with the trigram tokenizer: it holds, per event (rowid = seq),
 * every three-character run of its payload, raw message and order ids, case-folded. It stores
 * no text of its own (content='') and no positions (detail='none'), which keeps it about as
 * large as the events it indexes; it only narrows the candidates, and the reader checks each
 * candidate with the same LIKE as before, so what a search finds is unchanged (see
 * event-reader.ts). The writer fills it in the append transaction (searchText below); here the
 * events already stored are indexed with the same text.
 */
export const searchIndexMigration: Migration = {
  version: 6,
  name: 'search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE events_text USING fts5(text, tokenize = 'trigram', content = '', detail = 'none');
      INSERT INTO events_text (rowid, text)
        SELECT seq, payload || char(10) || coalesce(raw, '') || char(10) || coalesce(client_id, '') || char(10) || coalesce(venue_order_id, '')
        FROM events;
    `);
  },
};

/** What events_text holds for one event: the searched columns, a line each (as the backfill above). */
export function searchText(payload: string, raw: string | null, clientId: string | null, venueOrderId: string | null): string {
  return `${payload}\n${raw ?? ''}\n${clientId ?? ''}\n${venueOrderId ?? ''}`;
}
