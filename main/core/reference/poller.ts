/**
 * Polls every feed for every market on the injected clock and hands out each sample (for the
 * journal and the aggregator) and each failure (reported, never fatal). Each feed and market
 * polls on its own cadence, so one slow source does not hold back the others.
 */
import type { Clock } from '../clock';
import { Listeners } from '../venues/listeners';
import { Periodic } from '../venues/periodic';
import type { FeedError, ReferenceFeed, ReferenceSample } from './sample';

export type ReferenceEvent = { kind: 'sample'; sample: ReferenceSample } | { kind: 'feed_error'; error: FeedError };

export interface ReferencePollerOptions {
  clock: Clock;
  feeds: readonly ReferenceFeed[];
  markets: readonly string[];
  intervalMs?: number;
}

export class ReferencePoller {
  private readonly listeners = new Listeners<ReferenceEvent>();
  private readonly periodics: Periodic[];

  constructor(options: ReferencePollerOptions) {
    const intervalMs = options.intervalMs ?? 1_000;
    this.periodics = options.feeds.flatMap((feed) =>
      options.markets.map((market) => new Periodic(options.clock, intervalMs, () => this.poll(feed, market))),
    );
  }

  subscribe(listener: (event: ReferenceEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  start(): void {
    for (const periodic of this.periodics) periodic.start();
  }

  stop(): void {
    for (const periodic of this.periodics) periodic.stop();
  }

  private async poll(feed: ReferenceFeed, market: string): Promise<void> {
    const result = await feed.fetch(market);
    this.listeners.emit(result.ok ? { kind: 'sample', sample: result.sample } : { kind: 'feed_error', error: result.error });
  }
}
