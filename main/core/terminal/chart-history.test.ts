import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from '../journal/journal';
import { chartHistory } from './chart-history';

const START = Date.UTC(2026, 0, 19, 4, 0, 0);
const MARKET = 'BTC-USD-PERP';
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A journal with venue marks and three reference sources, sampled every 10 s for `minutes`. */
function journalWithSamples(minutes: number): Journal {
  dir = mkdtempSync(join(tmpdir(), 'bb-chart-'));
  const clock = new VirtualClock(START);
  const journal = Journal.open(join(dir, 'journal.db'), { clock });
  for (let s = 0; s < minutes * 60; s += 10) {
    clock.advanceTo(START + s * 1000);
    const mark = String(95_000 + s);
    journal.append({ account: 'sim:local:test', venue: 'sim', kind: 'PRICE_SAMPLE', market: MARKET, payload: { source: 'venue', market: MARKET, markPrice: mark, indexPrice: null, lastTradedPrice: null, externalFairPrice: null } }, { durable: false });
    for (const [source, offset] of [['coinbase', 0], ['kraken', 2], ['binance', 10]] as const) {
      journal.append({ account: 'reference', venue: 'reference', kind: 'PRICE_SAMPLE', market: MARKET, payload: { source, price: String(95_000 + s + offset), receivedAt: START + s * 1000 } }, { durable: false });
    }
  }
  journal.flush();
  return journal;
}

describe('chartHistory', () => {
  it('makes candles of the venue mark with the median reference and the band edges at each close', () => {
    const journal = journalWithSamples(3);
    const history = chartHistory(journal, { market: MARKET, interval: '1m', limit: 10 }, '0.01');
    expect(history.more).toBe(false);
    expect(history.candles.map((c) => [c.time, c.open, c.high, c.low, c.close])).toEqual([
      [START, '95000', '95050', '95000', '95050'],
      [START + 60_000, '95060', '95110', '95060', '95110'],
      [START + 120_000, '95120', '95170', '95120', '95170'],
    ]);
    // Median of 95170, 95172, 95180 at the last bar's close; the band ±1 % around it.
    expect(history.candles[2]).toMatchObject({ reference: '95172', bandLow: '94220.28', bandHigh: '96123.72' });
    journal.close();
  });

  it('pages back in time: the newest bars first, then older ones before a given time', () => {
    const journal = journalWithSamples(10);
    const newest = chartHistory(journal, { market: MARKET, interval: '1m', limit: 3 }, '0.01');
    expect(newest.candles.map((c) => (c.time - START) / 60_000)).toEqual([7, 8, 9]);
    expect(newest.more).toBe(true);
    const older = chartHistory(journal, { market: MARKET, interval: '1m', limit: 3, before: newest.candles[0].time }, '0.01');
    expect(older.candles.map((c) => (c.time - START) / 60_000)).toEqual([4, 5, 6]);
    // A whole bar, not the part the first page's walk had read.
    expect(older.candles[2]).toMatchObject({ open: '95360', close: '95410' });
    journal.close();
  });
});
