import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { GENESIS_HASH, chainHash } from './chain';
import { JournalInputError, JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { MARKET, intent, priceSample } from './test-support/events';
import { tempDir } from './test-support/temp-dir';

const T0 = 1_767_225_600_000;

function fresh(): { journal: Journal; path: string; clock: VirtualClock } {
  const path = join(tempDir(), 'journal.db');
  const clock = new VirtualClock(T0);
  const journal = Journal.open(path, { clock });
  return { journal, path, clock };
}

/** What another process would see on disk right now. */
function committedSeqs(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all() as number[];
  } finally {
    db.close();
  }
}

describe('Journal', () => {
  it('opens a new file healthy and empty', () => {
    const { journal } = fresh();
    expect(journal.health().state).toBe('ok');
    expect(journal.count()).toBe(0);
    expect(journal.head()).toBeNull();
    journal.close();
  });

  it('commits a durable append before returning it, chained to the one before', () => {
    const { journal, path, clock } = fresh();
    const first = journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { text: 'hello' } }, { durable: true });
    clock.advanceTo(T0 + 5);
    const second = journal.append(intent('c-1'), { durable: true });
    expect(committedSeqs(path)).toEqual([1, 2]);
    expect(first).toMatchObject({ seq: 1, at: T0, prevHash: GENESIS_HASH, payload: { text: 'hello' } });
    expect(second).toMatchObject({ seq: 2, at: T0 + 5, prevHash: first.hash, clientId: 'c-1', market: MARKET });
    expect(second.hash).toBe(
      chainHash(first.hash, {
        seq: 2, at: T0 + 5, venueAt: null, account: 'sim:local:test', venue: 'sim', kind: 'ORDER_INTENT', market: MARKET, clientId: 'c-1',
        venueOrderId: null, raw: null, version: 2,
        payload: '{"clientId":"c-1","decision":{"allowed":true},"market":"BTC-USD-PERP","postOnly":false,"price":"64000.5","reduceOnly":false,"side":"BUY","size":"0.5","type":"LIMIT"}',
      }),
    );
    expect(journal.query().events).toEqual([first, second]);
    journal.close();
  });

  it('group-commits other appends within the bounded delay, on the injected clock', () => {
    const { journal, path, clock } = fresh();
    const sample = journal.append(priceSample(1), { durable: false });
    journal.append(priceSample(2), { durable: false });
    expect(sample.seq).toBe(1);
    expect(committedSeqs(path)).toEqual([]);
    clock.advanceTo(T0 + 49);
    expect(committedSeqs(path)).toEqual([]);
    clock.advanceTo(T0 + 50);
    expect(committedSeqs(path)).toEqual([1, 2]);
    journal.append(priceSample(3), { durable: false });
    journal.flush();
    expect(committedSeqs(path)).toEqual([1, 2, 3]);
    journal.close();
  });

  it('commits pending samples together with a durable append, in order', () => {
    const { journal, path } = fresh();
    journal.append(priceSample(1), { durable: false });
    const order = journal.append(intent('c-1'), { durable: true });
    expect(order.seq).toBe(2);
    expect(committedSeqs(path)).toEqual([1, 2]);
    journal.close();
  });

  it('lets readers see pending appends and commits them on close', () => {
    const { journal, path } = fresh();
    journal.append(priceSample(1), { durable: false });
    expect(journal.count()).toBe(1);
    journal.append(priceSample(2), { durable: false });
    journal.close();
    expect(committedSeqs(path)).toEqual([1, 2]);
  });

  it('honours a shorter group-commit delay and refuses one over 50 ms', () => {
    const path = join(tempDir(), 'journal.db');
    const clock = new VirtualClock(T0);
    expect(() => Journal.open(path, { clock, groupCommitMs: 51 })).toThrow(RangeError);
    const journal = Journal.open(path, { clock, groupCommitMs: 10 });
    journal.append(priceSample(1), { durable: false });
    clock.advanceTo(T0 + 10);
    expect(committedSeqs(path)).toEqual([1]);
    journal.close();
  });

  it('continues the chain after a reopen, without replaying anything', () => {
    const { journal, path, clock } = fresh();
    const last = journal.append(intent('c-1'), { durable: true });
    journal.close();
    const again = Journal.open(path, { clock });
    expect(again.head()).toEqual({ seq: 1, hash: last.hash });
    expect(again.orders().map((o) => o.clientId)).toEqual(['c-1']);
    const next = again.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true });
    expect(next).toMatchObject({ seq: 2, prevHash: last.hash });
    again.close();
  });

  it('refuses malformed events without using up a seq', () => {
    const { journal } = fresh();
    const bad = [
      { kind: 'NOPE', account: 'sim:local:test', venue: 'sim', payload: {} },
      { kind: 'NOTE', venue: '', payload: {} },
      { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { n: Number.NaN } },
      { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', venueAt: 1.5, payload: {} },
      { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', raw: 'half an emoji \ud83d', payload: {} },
      { ...intent('c-1'), payload: { ...(intent('c-1').payload as object), size: 0.5 } },
      { ...intent('c-1'), clientId: 'c-2' },
      { kind: 'ORDER_ACK', account: 'sim:local:test', venue: 'sim', payload: { venueOrderId: 'v1' } },
      { kind: 'FILL', account: 'sim:local:test', venue: 'sim', payload: { fillId: 'f', side: 'BUY', price: '1', size: '1', fee: '0', liquidity: 'TAKER', fillType: 'FILL' } },
    ];
    for (const event of bad) {
      expect(() => journal.append(event as never, { durable: true })).toThrow(JournalInputError);
    }
    expect(journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true }).seq).toBe(1);
    journal.close();
  });

  it('stores any text faithfully: a lone surrogate in the payload is escaped, emoji and controls survive', async () => {
    const { journal } = fresh();
    const odd = { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', market: 'ünïcødé 😀', raw: 'tab\tnul\u0000 \u2028', payload: { text: 'lone \udc00 😀' } } as const;
    const stored = journal.append(odd, { durable: true });
    expect(journal.query().events[0]).toEqual(stored);
    expect(stored.payload).toEqual({ text: 'lone \udc00 😀' });
    expect((await journal.verify()).verified).toBe(true);
    journal.close();
  });

  it('refuses a lone surrogate in a stored text field, naming the field, and records nothing', () => {
    const { journal } = fresh();
    const odd = { kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} } as const;
    expect(() => journal.append({ ...odd, raw: 'half \ud800 of a pair' }, { durable: true })).toThrow(/NOTE: raw holds a lone UTF-16 surrogate/);
    expect(() => journal.append({ ...odd, market: '\udfff' }, { durable: true })).toThrow(JournalInputError);
    expect(journal.count()).toBe(0);
    journal.close();
  });

  it('returns a payload that writes as the stored text and equals what reads back, keys in canonical order', () => {
    const { journal } = fresh();
    const stored = journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' }, u: undefined } }, { durable: true });
    const [read] = journal.query({ kind: 'NOTE' }).events;
    expect(JSON.stringify(stored.payload)).toBe(JSON.stringify(read.payload));
    expect(JSON.stringify(stored.payload)).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
    expect(stored.payload).toEqual(read.payload);
    journal.close();
  });

  it('keeps the raw venue message with its event, covered by the hash', () => {
    const { journal } = fresh();
    const stored = journal.append(priceSample(7), { durable: true });
    expect(stored.raw).toBe(priceSample(7).raw);
    expect(journal.query().events).toEqual([stored]);
    const record = { ...stored, payload: JSON.stringify(stored.payload), version: 2 as const };
    expect(stored.hash).toBe(chainHash(GENESIS_HASH, record));
    expect(stored.hash).not.toBe(chainHash(GENESIS_HASH, { ...record, raw: null }));
    journal.close();
  });

  it('refuses appends after close with the typed error', () => {
    const { journal } = fresh();
    journal.close();
    expect(() => journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true })).toThrow(JournalUnavailableError);
    expect(journal.health().state).toBe('failed');
  });

  it('refuses UPDATE and DELETE on events from any connection', () => {
    const { journal, path } = fresh();
    journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true });
    const db = new Database(path);
    expect(() => db.prepare('UPDATE events SET venue = ? WHERE seq = 1').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
    journal.close();
  });
});
