/**
 * The independent price at a moment in the past (DESIGN §9): the median of each source's last
 * journalled sample within a minute before that moment, or — where the terminal was not running
 * or not connected — the sources' public history (1-minute candles, see reference/history.ts),
 * journalled first as backfilled samples so that the judgement's evidence is in the record.
 * No quorum, no price: the judgement then says it cannot be checked.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { Journal } from '../journal/journal';
import type { RecordingJournal } from './venue-recorder';
import { referencesAt } from '../reference/history';
import { DEFAULT_QUORUM, median } from '../reference/median';
import type { ReferenceFeed } from '../reference/sample';

/** How old a journalled sample may be and still stand for the price at a moment. */
const SAMPLE_REACH_MS = 60_000;
const SAMPLE_PAGE = 400;
const MINUTE_MS = 60_000;

export interface PastReference {
  price: string | null;
  evidence: number[];
}

interface SamplePayload {
  source?: string;
  price?: string;
}

export class ReferenceAt {
  /** Backfilled samples by market and minute: journalled long after that minute, so not found by time. */
  private readonly backfilled = new Map<string, JournalEvent[]>();

  constructor(
    private readonly journal: Journal,
    private readonly ports: Pick<RecordingJournal, 'append'>,
    private readonly account: string,
    private readonly feeds: readonly ReferenceFeed[],
  ) {}

  /** From the journal alone: what the sources said within a minute before `at`, or their candle for that minute. */
  read(market: string, at: number): PastReference {
    const backfilled = this.backfilled.get(key(market, at));
    if (backfilled) return quorum(backfilled);
    // A minute of samples from a few sources fits well inside one page; later ones are skipped below.
    const events = this.journal.query({ account: this.account, kind: 'PRICE_SAMPLE', market, since: at - SAMPLE_REACH_MS, limit: SAMPLE_PAGE }).events;
    const latest = new Map<string, JournalEvent>();
    for (const e of events) {
      const p = e.payload as SamplePayload;
      if (e.venue !== 'reference' || !p.source || !p.price || sampleTime(e) > at) continue;
      latest.set(p.source, e);
    }
    return quorum([...latest.values()]);
  }

  /** Makes sure read() can answer for each of these moments: asks the sources' history, in few requests, where the journal cannot. */
  async ensure(market: string, times: readonly number[]): Promise<void> {
    // One question per minute: the candles are per minute, and a gap's fills crowd into few of them.
    const minutes = new Map<string, number>();
    for (const at of times) if (!minutes.has(key(market, at))) minutes.set(key(market, at), at);
    const missing = [...minutes.entries()].filter(([k, at]) => !this.backfilled.has(k) && this.read(market, at).price === null).map(([, at]) => at);
    if (missing.length === 0 || !this.feeds.some((f) => f.history)) return;
    const answers = await referencesAt(this.feeds, market, missing);
    const journalled = new Set<string>();
    for (const answer of answers) {
      const k = key(market, answer.at);
      if (journalled.has(k)) continue;
      journalled.add(k);
      // One sample per source for the minute, its close, marked as backfilled; the raw answers go with the first.
      const records = answer.sources.map(({ source, candle }, i) =>
        this.ports.append(
          { venue: 'reference', kind: 'PRICE_SAMPLE', market, payload: { source, price: candle.close, receivedAt: candle.openTime + MINUTE_MS, backfilled: true, candle }, raw: i === 0 ? answer.raw.join('\n') : null },
          { durable: false },
        ),
      );
      this.backfilled.set(k, records);
    }
  }
}

const key = (market: string, at: number) => `${market}@${Math.floor(at / MINUTE_MS)}`;

function quorum(samples: JournalEvent[]): PastReference {
  const evidence = samples.map((e) => e.seq);
  if (samples.length < DEFAULT_QUORUM) return { price: null, evidence };
  return { price: median(samples.map((e) => (e.payload as SamplePayload).price as string)), evidence };
}

function sampleTime(e: JournalEvent): number {
  const receivedAt = (e.payload as { receivedAt?: unknown }).receivedAt;
  return typeof receivedAt === 'number' ? receivedAt : e.at;
}

