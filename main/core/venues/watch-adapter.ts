/**
 * What the adapters that read an account by address (dYdX, Hyperliquid) share: one stream link
 * with pollers beside it, the listeners, the query reports, and no order entry.
 */
import type { Clock } from '../clock';
import { Listeners } from './listeners';
import { Periodic } from './periodic';
import type { CancelResult, PlaceResult, Unresolved, VenueEvent, VenueListener } from './port';
import { QueryReports } from './query-reports';
import type { StreamLink } from './stream-link';

/**
 * The port has no "never sent" outcome. `unresolved` with no request is its reading of "no byte
 * reached the venue" (the order pipeline then journals no ORDER_SENT); `rejected` would need a
 * request that never existed and would claim the venue said no.
 */
export function watchOnly(venue: string): Unresolved {
  return { outcome: 'unresolved', reason: `not sent: the ${venue} adapter is watch-only; nothing reached the venue`, httpStatus: null, raw: null, request: null };
}

export abstract class WatchAdapter {
  abstract readonly venue: string;
  readonly watchOnly = true;
  protected readonly listeners = new Listeners<VenueEvent>();
  protected readonly reports: QueryReports;
  protected abstract readonly link: StreamLink;
  private readonly pollers: Periodic[] = [];

  constructor(protected readonly clock: Clock) {
    this.reports = new QueryReports(clock, (event) => this.listeners.emit(event));
  }

  /** Polls `task` every `ms` (the default when undefined; never when null). */
  protected poll(ms: number | null | undefined, fallback: number, task: () => Promise<void>): void {
    const period = ms === undefined ? fallback : ms;
    if (period !== null) this.pollers.push(new Periodic(this.clock, period, task));
  }

  connect(): Promise<void> {
    for (const poller of this.pollers) poller.start();
    return this.link.start();
  }

  async close(): Promise<void> {
    for (const poller of this.pollers) poller.stop();
    await this.link.stop();
  }

  retryNow(): boolean {
    return this.link.retryNow();
  }

  subscribe(listener: VenueListener): () => void {
    return this.listeners.add(listener);
  }

  placeOrder(): Promise<PlaceResult> {
    return Promise.resolve(watchOnly(this.venue));
  }

  cancelOrder(): Promise<CancelResult> {
    return Promise.resolve(watchOnly(this.venue));
  }

  cancelAll(): Promise<CancelResult> {
    return Promise.resolve(watchOnly(this.venue));
  }
}
