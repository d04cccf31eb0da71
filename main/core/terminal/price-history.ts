/**
 * Recent price ticks per market for the chart: the venue's latest mark joined with the latest
 * independent reference. Bounded, so a long session does not grow memory.
 */
import type { PriceTick } from '../../../shared/domain';

const TRIM_BATCH = 1_000;

export class PriceHistory {
  private readonly ticks = new Map<string, PriceTick[]>();
  private readonly latest = new Map<string, { mark: string | null; reference: string | null }>();

  constructor(private readonly capacity = 10_000) {}

  /** Records a new mark or reference for a market and returns the joined tick. */
  record(market: string, at: number, update: { mark?: string | null; reference?: string | null }): PriceTick {
    const previous = this.latest.get(market) ?? { mark: null, reference: null };
    const current = {
      mark: update.mark === undefined ? previous.mark : update.mark,
      reference: update.reference === undefined ? previous.reference : update.reference,
    };
    this.latest.set(market, current);
    const tick: PriceTick = { market, at, ...current };
    const list = this.ticks.get(market) ?? [];
    list.push(tick);
    // Trimmed in batches: a splice per tick would move the whole buffer every time.
    if (list.length > this.capacity + TRIM_BATCH) list.splice(0, list.length - this.capacity);
    this.ticks.set(market, list);
    return tick;
  }

  recent(market: string, limit: number): PriceTick[] {
    return (this.ticks.get(market) ?? []).slice(-Math.min(limit, this.capacity));
  }

  latestMark(market: string): string | null {
    return this.latest.get(market)?.mark ?? null;
  }
}
