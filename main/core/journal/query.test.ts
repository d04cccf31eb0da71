import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalInputError } from './errors';
import type { JournalQuery } from './event-reader';
import { Journal } from './journal';
import { MARKET, fill, intent, priceSample } from './test-support/events';
import { SteppingClock } from './test-support/stepping-clock';
import { tempDir } from './test-support/temp-dir';

const T0 = 1_767_225_600_000;

/** 30 events: 10 rounds of (price sample, order intent, fill), one second apart. */
function filled(): Journal {
  const clock = new VirtualClock(T0);
  const journal = Journal.open(join(tempDir(), 'journal.db'), { clock });
  for (let i = 0; i < 10; i++) {
    clock.advanceTo(T0 + i * 1000);
    journal.append(priceSample(i), { durable: false });
    journal.append(intent(`c-${i}`, { market: i % 2 === 0 ? MARKET : 'ETH-USD-PERP' }), { durable: true });
    journal.append({ ...fill(`c-${i}`, `f-${i}`, 'BUY', '0.5'), market: i % 2 === 0 ? MARKET : 'ETH-USD-PERP' }, { durable: false });
  }
  journal.flush();
  return journal;
}

const seqs = (journal: Journal, q: Parameters<Journal['query']>[0]) => journal.query(q).events.map((e) => e.seq);

describe('Journal.query', () => {
  it('filters by kind, market, client id and time', () => {
    const journal = filled();
    expect(seqs(journal, { kind: 'ORDER_INTENT' })).toEqual([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
    expect(seqs(journal, { kind: ['FILL', 'PRICE_SAMPLE'], afterSeq: 20 })).toEqual([21, 22, 24, 25, 27, 28, 30]);
    expect(seqs(journal, { market: 'ETH-USD-PERP', kind: 'FILL' })).toEqual([6, 12, 18, 24, 30]);
    expect(seqs(journal, { clientId: 'c-3' })).toEqual([11, 12]);
    expect(seqs(journal, { since: T0 + 8000 })).toEqual([25, 26, 27, 28, 29, 30]);
    journal.close();
  });

  it('pages forwards and backwards, saying when more is left', () => {
    const journal = filled();
    const first = journal.query({ limit: 12 });
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(first.more).toBe(true);
    const last = journal.query({ afterSeq: 24, limit: 6 });
    expect(last.events.map((e) => e.seq)).toEqual([25, 26, 27, 28, 29, 30]);
    expect(last.more).toBe(false);
    const newest = journal.query({ order: 'desc', limit: 3, beforeSeq: 30 });
    expect(newest.events.map((e) => e.seq)).toEqual([29, 28, 27]);
    expect(newest.more).toBe(true);
    journal.close();
  });

  it('finds text in payloads, raw messages and order ids, treating % and _ literally', () => {
    const journal = filled();
    expect(seqs(journal, { search: 'f-7' })).toEqual([24]);
    expect(seqs(journal, { search: 'MARK_PRICE', kind: 'PRICE_SAMPLE' })).toHaveLength(10);
    expect(seqs(journal, { search: 'v-c-9' })).toEqual([30]);
    expect(seqs(journal, { search: '%' })).toEqual([]);
    expect(seqs(journal, { search: 'mark_' })).toHaveLength(10);
    expect(seqs(journal, { search: 'mark%' })).toEqual([]);
    journal.close();
  });

  it('finds every event since a time even when the wall clock stepped back, in both orders', () => {
    const clock = new SteppingClock(T0);
    const journal = Journal.open(join(tempDir(), 'journal.db'), { clock });
    // 5000 events, one ms apart, except that the clock steps back 2 s at the 3000th.
    const times = Array.from({ length: 5000 }, (_, i) => T0 + (i < 3000 ? i : i - 2000));
    for (const at of times) {
      clock.time = at;
      journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: false });
      if (at % 500 === 0) journal.flush();
    }
    journal.flush();
    const every = (q: JournalQuery) => {
      const seqs: number[] = [];
      for (let page = journal.query({ ...q, limit: 1000 }); ; ) {
        seqs.push(...page.events.map((e) => e.seq));
        if (!page.more) return seqs;
        const last = seqs[seqs.length - 1];
        page = journal.query({ ...q, limit: 1000, ...(q.order === 'desc' ? { beforeSeq: last } : { afterSeq: last }) });
      }
    };
    for (const since of [T0, T0 + 100, T0 + 1500, T0 + 2999, T0 + 4000]) {
      const expected = times.flatMap((at, i) => (at >= since ? [i + 1] : []));
      expect(every({ since })).toEqual(expected);
      expect(every({ since, order: 'desc' })).toEqual([...expected].reverse());
    }
    journal.close();
  });

  it('refuses nonsense filters with a typed error', () => {
    const journal = filled();
    expect(() => journal.query({ kind: 'NOPE' as never })).toThrow(JournalInputError);
    expect(() => journal.query({ limit: 0 })).toThrow(JournalInputError);
    expect(() => journal.query({ limit: 1001 })).toThrow(JournalInputError);
    expect(() => journal.query({ afterSeq: 1.5 })).toThrow(JournalInputError);
    journal.close();
  });
});
