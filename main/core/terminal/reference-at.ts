/**
 * The independent price at a moment in the past (DESIGN §9): the median of each source's last
 * journalled sample within a minute before that moment, or — where the terminal was not running
 * or not connected — the sources' public history (1-minute candles), journalled as backfilled
 * samples first so that the judgement's evidence is in the record. No quorum, no price.
 */
import Decimal from 'decimal.js';
import type { JournalEvent } from '../../../shared/domain';
import type { Journal } from '../journal/journal';
import type { DurableJournal } from '../orders/journal-port';
import type { ReferenceFeed } from '../reference/sample';

/** How old a journalled sample may be and still stand for the price at a moment. */
const SAMPLE_REACH_MS = 60_000;
const QUORUM = 2;

export interface PastReference {
  price: string | null;
  evidence: number[];
}

interface SamplePayload {
  source?: string;
  price?: string;
}

export class ReferenceAt {
  /** Backfilled samples by market and moment: journalled long after the moment, so not found by time. */
  private readonly backfilled = new Map<string, JournalEvent[]>();

  constructor(
    private readonly journal: Journal,
    private readonly ports: DurableJournal,
    private readonly account: string,
    private readonly feeds: readonly ReferenceFeed[],
  ) {}

  /** From the journal alone: what the sources said within a minute before `at`. */
  read(market: string, at: number): PastReference {
    const events = this.journal.query({ account: this.account, kind: 'PRICE_SAMPLE', market, since: at - SAMPLE_REACH_MS, limit: 1000 }).events;
    const latest = new Map<string, JournalEvent>();
    for (const e of [...events, ...(this.backfilled.get(`${market}@${at}`) ?? [])]) {
      const p = e.payload as SamplePayload;
      if (e.venue !== 'reference' || !p.source || !p.price || sampleTime(e) > at) continue;
      latest.set(p.source, e);
    }
    const chosen = [...latest.values()];
    if (chosen.length < QUORUM) return { price: null, evidence: chosen.map((e) => e.seq) };
    return { price: median(chosen.map((e) => new Decimal((e.payload as SamplePayload).price as string))), evidence: chosen.map((e) => e.seq) };
  }

  /** Makes sure the journal can answer read(market, at): asks the sources' history when it cannot. */
  async ensure(market: string, at: number): Promise<void> {
    if (this.read(market, at).price !== null) return;
    const minute = Math.floor(at / 60_000) * 60_000;
    await Promise.all(
      this.feeds.map(async (feed) => {
        if (!feed.history) return;
        const answer = await feed.history(market, minute, minute + 60_000);
        if (!answer.ok) return;
        const candle = answer.candles.find((c) => c.openTime === minute) ?? answer.candles[answer.candles.length - 1];
        if (!candle) return;
        // The minute's close, marked as backfilled, dated at the moment judged: the evidence says which candle.
        const record = this.ports.appendDurable({
          venue: 'reference', kind: 'PRICE_SAMPLE', market,
          payload: { source: feed.source, price: candle.close, receivedAt: at, backfilled: true, candle },
          raw: answer.raw.join('\n'),
        });
        const key = `${market}@${at}`;
        this.backfilled.set(key, [...(this.backfilled.get(key) ?? []), record]);
      }),
    );
  }
}

function sampleTime(e: JournalEvent): number {
  const receivedAt = (e.payload as { receivedAt?: unknown }).receivedAt;
  return typeof receivedAt === 'number' ? receivedAt : e.at;
}

function median(values: Decimal[]): string {
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).div(2);
  return value.toString();
}
