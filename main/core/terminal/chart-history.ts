/**
 * Candles for the chart from the journal's PRICE_SAMPLE records: the venue's mark makes the bars;
 * the independent sources' last prices in each bar give its reference (their median) and the band
 * edges around it. Read newest first, a page at a time, so scrolling back costs what it shows.
 */
import Decimal from 'decimal.js';
import { INTERVAL_MS, type Candle, type CandleInterval, type ChartHistory } from '../../../shared/chart';
import type { JournalEvent } from '../../../shared/domain';
import type { Journal } from '../journal/journal';

/** At most this many records are read for one answer, so a huge journal never stalls main. */
const MAX_RECORDS = 60_000;
const PAGE = 1000;

interface Bar {
  time: number;
  open: string;
  openAt: number;
  high: Decimal;
  low: Decimal;
  close: string;
  closeAt: number;
  /** Each independent source's latest price in the bar. */
  sources: Map<string, { at: number; price: string }>;
}

function median(values: Decimal[]): Decimal | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).div(2);
}

function sampleOf(event: JournalEvent): { source: string; price: string; at: number } | null {
  const p = event.payload as { source?: string; markPrice?: string; price?: string; receivedAt?: number };
  const price = p.source === 'venue' ? p.markPrice : p.price;
  if (typeof p.source !== 'string' || typeof price !== 'string') return null;
  return { source: p.source, price, at: typeof p.receivedAt === 'number' ? p.receivedAt : event.at };
}

export function chartHistory(journal: Journal, q: { market: string; interval: CandleInterval; before?: number; limit: number }, band: string): ChartHistory {
  const width = INTERVAL_MS[q.interval];
  const bars = new Map<number, Bar>();
  let beforeSeq: number | undefined;
  let read = 0;
  let more = false;
  // Bars are complete once the walk has gone past their start; stop one bar beyond the limit.
  for (;;) {
    const page = journal.query({ kind: 'PRICE_SAMPLE', market: q.market, beforeSeq, limit: PAGE, order: 'desc' });
    for (const event of page.events) {
      const sample = sampleOf(event);
      if (!sample || (q.before !== undefined && sample.at >= q.before)) continue;
      const time = Math.floor(sample.at / width) * width;
      let bar = bars.get(time);
      if (sample.source !== 'venue') {
        if (!bar) bars.set(time, (bar = emptyBar(time)));
        const known = bar.sources.get(sample.source);
        if (!known || known.at < sample.at) bar.sources.set(sample.source, { at: sample.at, price: sample.price });
        continue;
      }
      const price = new Decimal(sample.price);
      if (!bar) bars.set(time, (bar = emptyBar(time)));
      if (bar.openAt === Infinity || sample.at <= bar.openAt) Object.assign(bar, { open: sample.price, openAt: sample.at });
      if (bar.closeAt === -Infinity || sample.at >= bar.closeAt) Object.assign(bar, { close: sample.price, closeAt: sample.at });
      bar.high = bar.high.isNaN() ? price : Decimal.max(bar.high, price);
      bar.low = bar.low.isNaN() ? price : Decimal.min(bar.low, price);
    }
    read += page.events.length;
    const last = page.events[page.events.length - 1];
    if (!page.more || !last) break;
    beforeSeq = last.seq;
    if (countPriced(bars) > q.limit || read >= MAX_RECORDS) {
      more = true;
      break;
    }
  }
  const candles = [...bars.values()].filter((b) => b.openAt !== Infinity).sort((a, b) => a.time - b.time);
  // The oldest bar may be partly read when the walk stopped early: leave it to the next page.
  const kept = more ? candles.slice(1) : candles;
  return { market: q.market, interval: q.interval, candles: kept.slice(-q.limit).map((b) => toCandle(b, band)), band, more: more || kept.length > q.limit };
}

function emptyBar(time: number): Bar {
  return { time, open: '', openAt: Infinity, high: new Decimal(NaN), low: new Decimal(NaN), close: '', closeAt: -Infinity, sources: new Map() };
}

const countPriced = (bars: Map<number, Bar>) => [...bars.values()].filter((b) => b.openAt !== Infinity).length;

function toCandle(bar: Bar, band: string): Candle {
  const reference = median([...bar.sources.values()].map((s) => new Decimal(s.price)));
  const b = new Decimal(band);
  return {
    time: bar.time,
    open: bar.open,
    high: bar.high.toString(),
    low: bar.low.toString(),
    close: bar.close,
    reference: reference?.toString() ?? null,
    bandLow: reference ? reference.times(new Decimal(1).minus(b)).toDecimalPlaces(8).toString() : null,
    bandHigh: reference ? reference.times(b.plus(1)).toDecimalPlaces(8).toString() : null,
  };
}
