/** Keeps the newest sample per source and market, and answers the reference quote on demand. */
import type { Clock } from '../clock';
import { DEFAULT_QUORUM, DEFAULT_STALENESS_MS, referenceQuote, type ReferenceQuote } from './median';
import type { ReferenceSample } from './sample';

export interface ReferencePriceOptions {
  clock: Clock;
  /** Every configured source, including those that never answered. */
  sources: readonly string[];
  stalenessMs?: number;
  quorum?: number;
}

export class ReferencePrice {
  private readonly latest = new Map<string, Map<string, ReferenceSample>>();

  constructor(private readonly options: ReferencePriceOptions) {}

  add(sample: ReferenceSample): void {
    let bySource = this.latest.get(sample.market);
    if (!bySource) this.latest.set(sample.market, (bySource = new Map()));
    const known = bySource.get(sample.source);
    if (!known || sample.receivedAt >= known.receivedAt) bySource.set(sample.source, sample);
  }

  quote(market: string): ReferenceQuote {
    const samples = [...(this.latest.get(market)?.values() ?? [])];
    return referenceQuote(market, samples, this.options.clock.now(), {
      stalenessMs: this.options.stalenessMs ?? DEFAULT_STALENESS_MS,
      quorum: this.options.quorum ?? DEFAULT_QUORUM,
      total: this.options.sources.length,
    });
  }

  /** The samples a quote at this moment would be built from, for the journal's evidence. */
  samples(market: string): ReferenceSample[] {
    return [...(this.latest.get(market)?.values() ?? [])];
  }
}
