/** Projections recomputed from the records of a real journal file and compared with its tables. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from './journal';
import { fill, intent } from './test-support/events';
import { runJournalCli } from './test-support/child';
import { tempDir } from './test-support/temp-dir';
import { SEARCH_INDEX_BACKLOG } from './index-catch-up';
import { describeDifference, verifyProjections } from './verify-projections';

function journalWithTrades(): string {
  const path = join(tempDir(), 'journal.db');
  const journal = Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) });
  journal.append(intent('c-1'), { durable: true });
  journal.append(intent('c-2', { side: 'SELL', size: '0.2' }), { durable: true });
  journal.append(fill('c-1', 'f-1', 'BUY', '0.5'), { durable: true });
  journal.append(fill('c-2', 'f-2', 'SELL', '0.2'), { durable: true });
  journal.close();
  return path;
}

function edit(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

describe('verifyProjections', () => {
  it('finds the tables the records give', () => {
    const check = verifyProjections(journalWithTrades());
    expect(check).toMatchObject({ checked: true, differences: [] });
    expect(check.rows).toEqual({ orders: 2, fills: 2, positions: 1 });
  });

  it('names each row that differs: a changed field, a row deleted, a row invented', () => {
    const path = journalWithTrades();
    edit(path, `
      UPDATE orders SET filled_size = '0.4' WHERE client_id = 'c-1';
      DELETE FROM fills WHERE fill_id = 'f-2';
      UPDATE positions SET size = '0.9';
      INSERT INTO positions (account, venue, market, size, last_seq) VALUES ('sim:local:test', 'sim', 'ETH-USD-PERP', '3', 4);
    `);
    const lines = verifyProjections(path).differences.map(describeDifference);
    expect(lines).toContain('orders row sim:local:test c-1: filledSize is "0.4" in the file, the records give "0.5"');
    expect(lines).toContain('fills row sim:local:test sim f-2: missing from the file, though the records give it');
    expect(lines).toContain('positions row sim:local:test sim BTC-USD-PERP: size is "0.9" in the file, the records give "0.3"');
    expect(lines).toContain('positions row sim:local:test sim ETH-USD-PERP: in the file, though no record gives it');
    expect(lines).toHaveLength(4);
  });

  it('names a filter key changed, missing or invented, which would hide a record from a filtered page or show one', () => {
    const path = join(tempDir(), 'journal.db');
    const journal = Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) });
    // Enough events that the writer has copied the keys of the first ones.
    for (let i = 0; i < SEARCH_INDEX_BACKLOG; i++) journal.append(i === 1 ? fill(null, 'f-1', 'BUY', '0.5') : { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { i } }, { durable: false });
    journal.close();
    expect(verifyProjections(path).differences).toEqual([]);
    edit(path, `
      UPDATE event_keys SET kind = 'NOTE' WHERE seq = 2;
      DELETE FROM event_keys WHERE seq = 3;
      INSERT INTO event_keys (seq, kind, account) VALUES (${SEARCH_INDEX_BACKLOG + 5}, 'FILL', 'sim:local:test');
    `);
    expect(verifyProjections(path).differences.map(describeDifference)).toEqual([
      'event_keys row seq 2: kind is "NOTE" in the file, the records give "FILL"',
      'event_keys row seq 3: missing from the file, though the records give it',
      `event_keys row seq ${SEARCH_INDEX_BACKLOG + 5}: in the file, though no record gives it`,
    ]);
  });

  it('makes `blackbox journal verify` exit 1 naming the row', async () => {
    const path = journalWithTrades();
    edit(path, "UPDATE orders SET state = 'CLOSED' WHERE client_id = 'c-2'");
    const run = await runJournalCli(['verify', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Projections differ from the records (1 difference(s) among 2 orders, 2 fills, 1 positions):');
    expect(run.stdout).toContain('orders row sim:local:test c-2: state is "CLOSED" in the file, the records give "intent"');
  });
});
