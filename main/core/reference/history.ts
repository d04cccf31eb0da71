/**
 * The independent reference at a past moment (DESIGN §7), for fills the terminal did not watch:
 * every source's public 1-minute candle for the minute containing the moment.
 *
 * Rule: the price at `atMs` is the median of the sources' CLOSES of the minute containing `atMs`
 * (the last price each source saw in that minute, so it is never earlier than the moment); `low`
 * and `high` are the medians of the sources' lows and highs, the range the reference moved in
 * during that minute. A price needs candles from at least DEFAULT_QUORUM sources; otherwise price,
 * low and high are null and `reason` says which source failed and how.
 */
import type { DecimalString } from '../../../shared/domain';
import { MINUTE_MS, minuteStart } from './candle-history';
import { DEFAULT_QUORUM, median } from './median';
import type { ReferenceCandle, ReferenceFeed } from './sample';

export interface HistoricalReference {
  market: string;
  at: number;
  /** Start of the minute the candles cover. */
  minute: number;
  price: DecimalString | null;
  low: DecimalString | null;
  high: DecimalString | null;
  /** The sources that had a candle for the minute, by name. */
  sources: { source: string; candle: ReferenceCandle }[];
  /** Every answer of every source, failures included, in feed order. */
  raw: string[];
  /** Why there is no price; absent when there is one. */
  reason?: string;
}

export async function referenceAt(feeds: readonly ReferenceFeed[], market: string, atMs: number): Promise<HistoricalReference> {
  const minute = minuteStart(atMs);
  const answers = await Promise.all(
    feeds.map(async (feed) => ({ source: feed.source, result: feed.history ? await feed.history(market, minute, minute + MINUTE_MS) : null })),
  );
  const sources: HistoricalReference['sources'] = [];
  const raw: string[] = [];
  const missing: string[] = [];
  for (const { source, result } of answers) {
    if (result === null) {
      missing.push(`${source}: no public history`);
    } else if (!result.ok) {
      if (result.error.raw !== null) raw.push(result.error.raw);
      missing.push(`${source}: ${result.error.reason}`);
    } else {
      raw.push(...result.raw);
      const candle = result.candles.find((c) => c.openTime === minute);
      if (candle) sources.push({ source, candle });
      else missing.push(`${source}: no candle for that minute`);
    }
  }
  sources.sort((a, b) => a.source.localeCompare(b.source));
  const base = { market, at: atMs, minute, sources, raw };
  if (sources.length < DEFAULT_QUORUM) {
    const when = new Date(minute).toISOString();
    return {
      ...base, price: null, low: null, high: null,
      reason: `no independent price for ${when}: ${sources.length} of ${feeds.length} sources had a candle${missing.length ? ` (${missing.join('; ')})` : ''}`,
    };
  }
  const values = (key: 'close' | 'low' | 'high') => median(sources.map((s) => s.candle[key]));
  return { ...base, price: values('close'), low: values('low'), high: values('high') };
}
