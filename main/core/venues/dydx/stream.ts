/**
 * Frames of the dYdX indexer WebSocket (venue-apis.md §2.5) → domain events. Keeps what later
 * frames need: each market's status (mode changes arrive as `trading.*.status`) and the last full
 * copy of each order, because a removal frame may name only id, status and removal reason. An
 * update for an order never seen in full is completed from `/v4/orders/{id}`; if that fails the
 * frame is reported as a venue error with the frame itself, never dropped.
 */
import type { DriftNotices } from '../common/drift';
import type { FrameReading } from '../stream-link';
import type { VenueEvent, VenueMode } from '../port';
import { parseJson, type Parsed } from '../common/parsed';
import { describeIssues } from '../common/parsed';
import { venueMode } from './mode';
import { oraclePrice, readFill, readOrder, readPerpetualMarket, readPosition } from './parse';
import {
  blockHeightContentsSchema, marketsAnswerSchema, marketsUpdateSchema, orderUpdateSchema, subaccountContentsSchema,
  subaccountSchema, wsMessageSchema, type MarketStatus,
} from './schemas';
import { BoundedMap, REMEMBERED_ORDERS } from '../bounded-map';

export const DYDX_CHANNELS = { markets: 'v4_markets', subaccounts: 'v4_subaccounts', height: 'v4_block_height' } as const;

export function dydxGreeting(address: string, subaccountNumber: number): string[] {
  return [
    { type: 'subscribe', channel: DYDX_CHANNELS.markets, batched: false },
    { type: 'subscribe', channel: DYDX_CHANNELS.subaccounts, id: `${address}/${subaccountNumber}`, batched: false },
    { type: 'subscribe', channel: DYDX_CHANNELS.height, batched: false },
  ].map((message) => JSON.stringify(message));
}

export interface DydxStreamOptions {
  /** Markets whose status makes the venue mode and whose prices are reported; empty: all. */
  markets: readonly string[];
  /** The full order, when a frame carries only part of it. */
  fetchOrder(id: string): Promise<{ ok: true; order: Record<string, unknown> } | { ok: false; reason: string }>;
  emit(event: VenueEvent): void;
  /** Schema drift is reported once, shared with the REST look-ups. */
  drifts: DriftNotices;
}

type Payload = DistributiveOmit<Exclude<VenueEvent, { kind: 'malformed' | 'venue_error' | 'connection' | 'schema_drift' }>, 'at' | 'raw'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Body = DistributiveOmit<Payload, 'venueAt'>;

/** Fields only a full order carries; a frame without them is a partial update. */
const FULL_ORDER_FIELDS = ['side', 'size', 'type', 'price', 'timeInForce'];

export class DydxStream {
  readonly marketStatuses = new Map<string, MarketStatus>();
  private readonly orders = new BoundedMap<string, Record<string, unknown>>(REMEMBERED_ORDERS);
  private lastMode: string | null = null;

  constructor(private readonly options: DydxStreamOptions) {}

  clientIdOf = (orderId: string): string | null => {
    const clientId = this.orders.get(orderId)?.clientId;
    return typeof clientId === 'string' ? clientId : null;
  };

  /** Remembers full orders read elsewhere (REST), so later partial frames can be completed. */
  remember(order: Record<string, unknown>): void {
    if (typeof order.id === 'string') this.orders.set(order.id, { ...this.orders.get(order.id), ...order });
  }

  /** Records market statuses read elsewhere (REST) and answers the venue mode they make. */
  noteStatuses(entries: Array<{ ticker: string; status: MarketStatus }>): VenueMode | null {
    for (const { ticker, status } of entries) this.marketStatuses.set(ticker, status);
    return venueMode(this.marketStatuses, this.options.markets);
  }

  read(raw: string, at: number): FrameReading {
    const events: VenueEvent[] = [];
    const bad = (problem: string): FrameReading => ({ events: [{ kind: 'malformed', source: 'ws', problem, at, venueAt: null, raw }], ack: false });
    const json = parseJson(raw);
    if (!json.ok) return bad(json.problem);
    const message = wsMessageSchema.safeParse(json.value);
    if (!message.success) return bad(`unexpected message: ${describeIssues(message.error)}`);
    const { type, channel, contents } = message.data;
    switch (type) {
      case 'connected':
      case 'unsubscribed':
      case 'pong':
        return { events, ack: false };
      case 'error':
        return { events: [{ kind: 'venue_error', source: 'ws', reason: `indexer error: ${message.data.message ?? 'no message'}`, at, venueAt: null, raw }], ack: false };
      case 'subscribed':
      case 'channel_data':
        this.readContents(channel, contents, type === 'subscribed', raw, at, events);
        return { events, ack: type === 'subscribed' };
      case 'channel_batch_data':
        if (!Array.isArray(contents)) return bad('channel_batch_data without an array of contents');
        for (const item of contents) this.readContents(channel, item, false, raw, at, events);
        return { events, ack: false };
      default:
        return bad(`unexpected message type ${type}`);
    }
  }

  private readContents(channel: string | undefined, contents: unknown, snapshot: boolean, raw: string, at: number, events: VenueEvent[]): void {
    const push = (payload: Payload): void => void events.push({ ...payload, at, raw } as VenueEvent);
    const bad = (problem: string): void => void events.push({ kind: 'malformed', source: 'ws', problem, at, venueAt: null, raw });
    if (channel === DYDX_CHANNELS.markets) this.readMarkets(contents, snapshot, push, bad);
    else if (channel === DYDX_CHANNELS.subaccounts) this.readSubaccount(contents, raw, at, push, bad);
    else if (channel === DYDX_CHANNELS.height) {
      const parsed = blockHeightContentsSchema.safeParse(contents);
      if (!parsed.success) return bad(`v4_block_height: ${describeIssues(parsed.error)}`);
      const height = 'blockHeight' in parsed.data ? parsed.data.blockHeight : parsed.data.height;
      push({ kind: 'chain_height', height, venueAt: parsed.data.time });
    } else bad(`unexpected channel ${channel ?? '(none)'}`);
  }

  private readMarkets(contents: unknown, snapshot: boolean, push: (p: Payload) => void, bad: (problem: string) => void): void {
    const watched = (ticker: string) => this.options.markets.length === 0 || this.options.markets.includes(ticker);
    if (snapshot) {
      const parsed = marketsAnswerSchema.safeParse(contents);
      if (!parsed.success) return bad(`v4_markets snapshot: ${describeIssues(parsed.error)}`);
      for (const item of Object.values(parsed.data.markets)) {
        const market = readPerpetualMarket(item);
        if (!market.ok) {
          bad(market.problem);
          continue;
        }
        this.marketStatuses.set(market.value.ticker, market.value.status);
        if (market.value.oraclePrice && watched(market.value.ticker)) {
          push({ kind: 'price', price: oraclePrice(market.value.ticker, market.value.oraclePrice), venueAt: null });
        }
      }
      this.pushMode(push, true);
      return;
    }
    const parsed = marketsUpdateSchema.safeParse(contents);
    if (!parsed.success) return bad(`v4_markets: ${describeIssues(parsed.error)}`);
    const { trading, oraclePrices } = parsed.data;
    let statusChanged = false;
    for (const [ticker, update] of Object.entries(trading ?? {})) {
      if (update.status === undefined) continue;
      this.marketStatuses.set(ticker, update.status);
      statusChanged = true;
    }
    for (const [ticker, update] of Object.entries(oraclePrices ?? {})) {
      if (watched(ticker)) push({ kind: 'price', price: oraclePrice(ticker, update.oraclePrice), venueAt: update.effectiveAt });
    }
    if (statusChanged) this.pushMode(push, true);
  }

  /** Every status frame is recorded, so each market's change is evidence even when the mode holds. */
  private pushMode(push: (p: Payload) => void, always: boolean): void {
    const mode = venueMode(this.marketStatuses, this.options.markets);
    if (mode === null || (!always && mode === this.lastMode)) return;
    this.lastMode = mode;
    push({ kind: 'status', status: mode, venueAt: null });
  }

  private readSubaccount(contents: unknown, raw: string, at: number, push: (p: Payload) => void, bad: (problem: string) => void): void {
    const parsed = subaccountContentsSchema.safeParse(contents);
    if (!parsed.success) return bad(`v4_subaccounts: ${describeIssues(parsed.error)}`);
    const { subaccount, orders, fills, perpetualPositions } = parsed.data;
    if (subaccount !== undefined) {
      const sub = subaccountSchema.safeParse(subaccount);
      if (!sub.success) bad(`v4_subaccounts snapshot: ${describeIssues(sub.error)}`);
      else for (const item of Object.values(sub.data.openPerpetualPositions)) this.pushTyped(readPosition(item), (position) => ({ kind: 'position', position }), push, bad);
    }
    for (const item of orders ?? []) this.readOrderUpdate(item, raw, at, push, bad);
    for (const item of fills ?? []) {
      const fill = readFill(item, this.clientIdOf);
      for (const notice of this.options.drifts.events(fill.drift, 'ws', at, raw)) this.options.emit(notice);
      this.pushTyped(fill, (value) => ({ kind: 'fill', fill: value }), push, bad);
    }
    for (const item of perpetualPositions ?? []) this.pushTyped(readPosition(item), (position) => ({ kind: 'position', position }), push, bad);
  }

  private readOrderUpdate(item: unknown, raw: string, at: number, push: (p: Payload) => void, bad: (problem: string) => void): void {
    const update = orderUpdateSchema.safeParse(item);
    if (!update.success) return bad(`order: ${describeIssues(update.error)}`);
    const known = this.orders.get(update.data.id);
    const merged = { ...known, ...update.data };
    const order = readOrder(merged);
    if (order.ok) {
      this.orders.set(update.data.id, merged);
      return push({ kind: 'order', order: order.value, venueAt: order.venueAt });
    }
    // A full order that still cannot be read is malformed; a partial one is completed from REST.
    if (known || FULL_ORDER_FIELDS.every((field) => field in update.data)) return bad(order.problem);
    void this.complete(update.data, raw, at);
  }

  private async complete(update: Record<string, unknown> & { id: string }, raw: string, at: number): Promise<void> {
    const fetched = await this.options.fetchOrder(update.id);
    if (!fetched.ok) {
      const reason = `order ${update.id} changed (${String(update.status ?? '?')}${update.removalReason ? `, ${String(update.removalReason)}` : ''}) but its details could not be read: ${fetched.reason}`;
      this.options.emit({ kind: 'venue_error', source: 'ws', reason, at, venueAt: null, raw });
      return;
    }
    const merged = { ...fetched.order, ...update };
    const order = readOrder(merged);
    if (!order.ok) {
      this.options.emit({ kind: 'malformed', source: 'ws', problem: order.problem, at, venueAt: null, raw });
      return;
    }
    this.orders.set(update.id, merged);
    this.options.emit({ kind: 'order', order: order.value, at, venueAt: order.venueAt, raw });
  }

  private pushTyped<T>(parsed: Parsed<T>, wrap: (value: T) => Body, push: (p: Payload) => void, bad: (problem: string) => void): void {
    if (!parsed.ok) return bad(parsed.problem);
    push({ ...wrap(parsed.value), venueAt: parsed.venueAt } as Payload);
  }
}
