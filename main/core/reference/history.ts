/**
 * The independent reference at a past moment (DESIGN §7), for fills the terminal did not watch:
 * every source's public 1-minute candle for the minute containing the moment.
 *
 * Rule: the price at `atMs` is the median of the sources' CLOSES of the minute containing `atMs`
 * (the last price each source saw in that minute, so it is never earlier than the moment); `low`
 * and `high` are the medians of the sources' lows and highs, the range the reference moved in
 * during that minute. For the minute still running the candles are partial (close = latest).
 * A price needs candles from at least DEFAULT_QUORUM sources; otherwise price, low and high are
 * null and `reason` says which source failed and how.
 */
import type { DecimalString } from '../../../shared/domain';
import { MINUTE_MS, minuteStart } from './candle-history';
import { DEFAULT_QUORUM, median } from './median';
import type { HistoryResult, ReferenceCandle, ReferenceFeed } from './sample';

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
  /**
   * Every answer of every source for the window asked, failures included, in feed order. From
   * referencesAt, the times of one window share this very array: store it once.
   */
  raw: string[];
  /** Why there is no price; absent when there is one. */
  reason?: string;
}

/** Minutes closer than this are asked for in one window rather than one request each… */
export const HISTORY_WINDOW_GAP_MS = 300 * MINUTE_MS;
/** …as long as the window stays within this (a few pages per source however long the gap). */
export const HISTORY_WINDOW_MAX_MS = 1_000 * MINUTE_MS;

interface Window {
  from: number;
  to: number;
  answers: { source: string; result: HistoryResult | null; byMinute: Map<number, ReferenceCandle> }[];
  raw: string[];
}

export async function referenceAt(feeds: readonly ReferenceFeed[], market: string, atMs: number): Promise<HistoricalReference> {
  return (await referencesAt(feeds, market, [atMs]))[0];
}

/**
 * referenceAt for many moments (a gap's fills) with few requests: the minutes are grouped into
 * windows and each source is asked once per window. Answers in the order of `times`.
 */
export async function referencesAt(feeds: readonly ReferenceFeed[], market: string, times: readonly number[]): Promise<HistoricalReference[]> {
  const windows: Window[] = [];
  const windowOf = new Map<number, Window>();
  for (const minute of [...new Set(times.map(minuteStart))].sort((a, b) => a - b)) {
    const last = windows.at(-1);
    if (last && minute - last.to < HISTORY_WINDOW_GAP_MS && minute + MINUTE_MS - last.from <= HISTORY_WINDOW_MAX_MS) last.to = minute + MINUTE_MS;
    else windows.push({ from: minute, to: minute + MINUTE_MS, answers: [], raw: [] });
    windowOf.set(minute, windows.at(-1)!);
  }
  // One window after another, the sources of a window together: polite to public rate limits.
  for (const window of windows) {
    window.answers = await Promise.all(
      feeds.map(async (feed) => {
        const result = feed.history ? await feed.history(market, window.from, window.to) : null;
        return { source: feed.source, result, byMinute: new Map(result?.ok ? result.candles.map((c) => [c.openTime, c]) : []) };
      }),
    );
    for (const { result } of window.answers) {
      if (result?.ok) window.raw.push(...result.raw);
      else if (result && result.error.raw !== null) window.raw.push(result.error.raw);
    }
  }
  return times.map((atMs) => judge(market, atMs, windowOf.get(minuteStart(atMs))!));
}

function judge(market: string, atMs: number, window: Window): HistoricalReference {
  const minute = minuteStart(atMs);
  const sources: HistoricalReference['sources'] = [];
  const missing: string[] = [];
  for (const { source, result, byMinute } of window.answers) {
    if (result === null) {
      missing.push(`${source}: no public history`);
    } else if (!result.ok) {
      missing.push(`${source}: ${result.error.reason}`);
    } else {
      const candle = byMinute.get(minute);
      if (candle) sources.push({ source, candle });
      else missing.push(`${source}: no candle for that minute`);
    }
  }
  sources.sort((a, b) => a.source.localeCompare(b.source));
  const base = { market, at: atMs, minute, sources, raw: window.raw };
  if (sources.length < DEFAULT_QUORUM) {
    const when = new Date(minute).toISOString();
    const why = missing.length ? ` (${missing.join('; ')})` : '';
    return { ...base, price: null, low: null, high: null, reason: `no independent price for ${when}: ${sources.length} of ${window.answers.length} sources had a candle${why}` };
  }
  const values = (key: 'close' | 'low' | 'high') => median(sources.map((s) => s.candle[key]));
  return { ...base, price: values('close'), low: values('low'), high: values('high') };
}
