/**
 * What the three public 1-minute candle histories share: page through a time window on the
 * injected clock, keep every answer verbatim, read JSON numbers as their source text (Coinbase
 * sends prices as numbers; a JS float would round them) and accept only positive plain decimals.
 * A source's own dialect says how to ask for a page, how to read it and where the next one starts.
 */
import Decimal from 'decimal.js';
import { parse } from 'lossless-json';
import type { Clock } from '../clock';
import { httpRequest } from '../venues/http';
import type { HistoryResult, ReferenceCandle } from './sample';

export const MINUTE_MS = 60_000;

/** A window needing more requests than this is refused rather than hammering the source. */
export const MAX_HISTORY_PAGES = 100;

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^\d+$/;

/** One candle as read from an answer: time in epoch ms, values as text. */
export interface CandleRow {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
}

export type PageRead = { ok: true; rows: CandleRow[] } | { ok: false; problem: string };

export interface CandleDialect {
  /** The request path (with query) for candles from `cursor`, a minute start, up to `toMs`. */
  path(symbol: string, cursor: number, toMs: number): string;
  /** Reads one parsed answer, in which every JSON number is still its source text. */
  read(json: unknown, symbol: string): PageRead;
  /** Where the next request starts after this page, or null when the window is covered. */
  next(cursor: number, toMs: number, rows: readonly CandleRow[]): number | null;
}

export interface CandleRequest {
  source: string;
  market: string;
  symbol: string;
  fromMs: number;
  toMs: number;
  baseUrl: string;
  clock: Clock;
  timeoutMs: number;
  dialect: CandleDialect;
}

export function minuteStart(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** An epoch time sent as integer text (seconds or ms) → ms, or null. */
export function timeOf(text: unknown, unitMs: number): number | null {
  return typeof text === 'string' && INTEGER.test(text) ? Number(text) * unitMs : null;
}

export async function fetchCandles(request: CandleRequest): Promise<HistoryResult> {
  const { source, market, symbol, fromMs, toMs, clock, dialect } = request;
  const fail = (reason: string, raw: string | null): HistoryResult => ({ ok: false, error: { source, market, at: clock.now(), reason, raw } });
  const raw: string[] = [];
  const byMinute = new Map<number, ReferenceCandle>();
  let cursor: number | null = minuteStart(fromMs);
  for (let page = 0; cursor !== null && cursor < toMs; page++) {
    if (page === MAX_HISTORY_PAGES) return fail(`the window needs more than ${MAX_HISTORY_PAGES} requests`, null);
    const outcome = await httpRequest(clock, { method: 'GET', url: `${request.baseUrl}${dialect.path(symbol, cursor, toMs)}`, timeoutMs: request.timeoutMs });
    if (outcome.kind === 'failure') return fail(outcome.reason, null);
    const body = outcome.body;
    raw.push(body);
    if (outcome.status !== 200) return fail(`HTTP ${outcome.status}`, body);
    let json: unknown;
    try {
      json = parse(body, null, (text) => text);
    } catch {
      return fail('answer is not JSON', body);
    }
    const read = dialect.read(json, symbol);
    if (!read.ok) return fail(read.problem, body);
    for (const row of read.rows) {
      const problem = rowProblem(row);
      if (problem) return fail(problem, body);
      if (row.openTime >= minuteStart(fromMs) && row.openTime < toMs) byMinute.set(row.openTime, { source, market, ...row });
    }
    cursor = dialect.next(cursor, toMs, read.rows);
  }
  return { ok: true, candles: [...byMinute.values()].sort((a, b) => a.openTime - b.openTime), raw };
}

function rowProblem(row: CandleRow): string | null {
  const at = () => new Date(row.openTime).toISOString();
  if (row.openTime % MINUTE_MS !== 0) return `candle at ${at()} does not start on a minute`;
  for (const key of ['open', 'high', 'low', 'close'] as const) {
    const value = row[key];
    if (!DECIMAL.test(value) || new Decimal(value).lte(0)) return `candle at ${at()}: ${key} ${JSON.stringify(value)} is not a positive decimal`;
  }
  if (new Decimal(row.low).gt(row.high)) return `candle at ${at()}: low ${row.low} is above high ${row.high}`;
  return null;
}
