import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { GENESIS_HASH, chainHash, type ChainRecord } from './chain';
import { Journal } from './journal';
import { anchorPath } from './writer-seat';
import { runJournalCli } from './test-support/child';
import { fill, intent, priceSample } from './test-support/events';
import { tempDir } from './test-support/temp-dir';

/** 20 events of several kinds, every header field and the raw column in use somewhere. */
function journalOf20(): string {
  const path = join(tempDir(), 'journal.db');
  const clock = new VirtualClock(1_767_225_600_000);
  const journal = Journal.open(path, { clock });
  for (let i = 1; i <= 20; i++) {
    clock.advanceTo(1_767_225_600_000 + i * 10);
    const event = i % 3 === 0 ? intent(`c-${i}`) : i % 3 === 1 ? priceSample(i) : fill(`c-${i - 2}`, `f-${i}`, 'BUY', '0.1');
    journal.append({ ...event, venueAt: 1_767_225_500_000 + i }, { durable: i % 2 === 0 });
  }
  journal.close();
  return path;
}

/** Edits the file the way someone with sqlite3 could: append-only triggers dropped first. */
function tamper(path: string, ...statements: string[]): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete; DROP TRIGGER head_refuse_going_back;');
  for (const sql of statements) db.exec(sql);
  db.close();
}

async function verify(path: string) {
  const journal = Journal.openReadOnly(path);
  try {
    return await journal.verify();
  } finally {
    journal.close();
  }
}

describe('tampering is caught by verify', () => {
  it('passes an untouched journal', async () => {
    const path = journalOf20();
    expect(await verify(path)).toEqual({ events: 20, head: { seq: 20, hash: expect.any(String) }, verified: true });
  });

  it('makes `blackbox journal verify` exit 1 and name the record, in JSON and in words', async () => {
    const path = journalOf20();
    expect((await runJournalCli(['verify', path])).code).toBe(0);
    tamper(path, "UPDATE events SET payload = replace(payload, '64000.7', '64000.8') WHERE seq = 7");
    const json = await runJournalCli(['verify', path, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ events: 20, verified: false, firstBad: { seq: 7 } });
    const words = await runJournalCli(['verify', path]);
    expect(words.code).toBe(1);
    expect(words.stdout).toContain('First bad record: seq 7: its contents do not match its hash');
    expect(words.stdout).toContain('Nothing was repaired.');
  });

  it.each([
    ['payload', "UPDATE events SET payload = replace(payload, '64000.7', '64000.8') WHERE seq = 7"],
    ['raw message', "UPDATE events SET raw = replace(raw, 'mark_price', 'mark_pricE') WHERE seq = 7"],
    ['local time', 'UPDATE events SET at = at + 1 WHERE seq = 7'],
    ['venue time', 'UPDATE events SET venue_at = venue_at - 1 WHERE seq = 7'],
    ['kind', "UPDATE events SET kind = 'NOTE' WHERE seq = 7"],
    ['market', "UPDATE events SET market = 'BTC-USD-PERQ' WHERE seq = 7"],
    ['venue', "UPDATE events SET venue = 'sin' WHERE seq = 7"],
    ['stored hash', "UPDATE events SET hash = '0' || substr(hash, 2) WHERE seq = 7"],
  ])('names the record whose %s changed by one byte', async (_what, sql) => {
    const path = journalOf20();
    tamper(path, sql);
    const report = await verify(path);
    expect(report.verified).toBe(false);
    expect(report.firstBad).toEqual({ seq: 7, reason: 'its contents do not match its hash (the record was changed after it was written)' });
  });

  it('names the client id and venue order id fields too', async () => {
    const path = journalOf20();
    tamper(path, "UPDATE events SET client_id = 'c-X' WHERE seq = 9", "UPDATE events SET venue_order_id = 'v-X' WHERE seq = 14");
    expect((await verify(path)).firstBad?.seq).toBe(9);
  });

  it('names a record deleted from the middle', async () => {
    const path = journalOf20();
    tamper(path, 'DELETE FROM events WHERE seq = 9');
    const report = await verify(path);
    expect(report.firstBad).toEqual({ seq: 9, reason: 'the record is missing' });
    expect(report.events).toBe(19);
  });

  it('reports records cut from the end as a truncated tail, from the head table', async () => {
    const path = journalOf20();
    tamper(path, 'DELETE FROM events WHERE seq > 17');
    const report = await verify(path);
    expect(report).toMatchObject({ events: 17, verified: false, truncatedTail: { lastSeq: 17, expectedSeq: 20, evidence: 'head table' } });
    expect(report.firstBad).toBeUndefined();
    const human = await runJournalCli(['verify', path]);
    expect(human.stdout).toContain('Truncated tail: the end of the journal is missing: records seq 18–20 are gone');
  });

  it('still sees the cut when the head table was moved back too, from the anchor beside the file', async () => {
    const path = journalOf20();
    tamper(path, 'DELETE FROM events WHERE seq > 17', 'UPDATE head SET seq = 17, hash = (SELECT hash FROM events WHERE seq = 17)');
    expect((await verify(path)).truncatedTail).toEqual({ kind: 'truncated', lastSeq: 17, expectedSeq: 20, evidence: 'anchor file' });
  });

  it('catches a chain rewritten from seq 5 on with fresh hashes only through the anchor', async () => {
    const path = journalOf20();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT seq, at, venue_at AS venueAt, account, venue, kind, market, client_id AS clientId, venue_order_id AS venueOrderId, payload, raw, chain_version AS version FROM events ORDER BY seq').all() as ChainRecord[];
    db.close();
    let prev = GENESIS_HASH;
    const rewrites: string[] = [];
    for (const row of rows) {
      const record = row.seq === 5 ? { ...row, payload: row.payload.replace('64000.5', '1.0') } : row;
      const hash = chainHash(prev, record);
      if (row.seq >= 5) rewrites.push(`UPDATE events SET payload = '${record.payload}', prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${row.seq}`);
      prev = hash;
    }
    tamper(path, ...rewrites, `UPDATE head SET hash = '${prev}'`);
    expect((await verify(path)).firstBad).toEqual({ seq: 20, reason: 'its hash differs from the anchor kept beside the file' });
    // Without an outside anchor a consistent rewrite cannot be told from the original.
    rmSync(anchorPath(path));
    expect((await verify(path)).verified).toBe(true);
  });
});
