/**
 * Frames of the Hyperliquid WebSocket (venue-apis.md §3.3) → domain events. Keeps the last full
 * copy of each order, since `orderUpdates` and `nonUserCancel` name little more than the order id.
 * What a frame cannot say by itself is looked up (a cancelled order never seen, the account at a
 * liquidation); when the look-up fails the frame is reported as a venue error, never dropped.
 */
import type { FrameReading } from '../stream-link';
import type { VenueEvent, VenueOrder } from '../port';
import { parseJson } from '../common/parsed';
import { describeIssues } from '../common/parsed';
import type { DriftNotices, FieldDrift } from '../common/drift';
import { isPostOnlyNotice, readAssetCtx, readFill, readOrderWithStatus, readWsFunding, type Clearinghouse } from './parse';
import { activeAssetCtxSchema, userEventSchema, userFillsSchema, wsFrameSchema } from './schemas';
import type { QueryResult } from '../port';
import { BoundedMap, REMEMBERED_ORDERS } from '../bounded-map';

/** The venue's plain-text hello on every new socket. */
const HELLO = 'Websocket connection established.';

export function hyperliquidGreeting(user: string, markets: readonly string[]): string[] {
  const subscriptions = [
    { type: 'userEvents', user },
    { type: 'orderUpdates', user },
    { type: 'userFills', user },
    ...markets.map((coin) => ({ type: 'activeAssetCtx', coin })),
  ];
  return subscriptions.map((subscription) => JSON.stringify({ method: 'subscribe', subscription }));
}

export const PING = JSON.stringify({ method: 'ping' });

export interface HyperliquidStreamOptions {
  user: string;
  markets: readonly string[];
  orderStatus(oid: number): Promise<QueryResult<VenueOrder | null>>;
  clearinghouse(liquidatedHere: boolean): Promise<QueryResult<Clearinghouse>>;
  emit(event: VenueEvent): void;
  /** Schema drift is reported once, shared with the REST look-ups. */
  drifts: DriftNotices;
}

type Body = DistributiveOmit<Exclude<VenueEvent, { kind: 'malformed' | 'venue_error' | 'connection' | 'schema_drift' }>, 'at' | 'raw'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class HyperliquidStream {
  private readonly orders = new BoundedMap<string, VenueOrder>(REMEMBERED_ORDERS);

  constructor(private readonly options: HyperliquidStreamOptions) {}

  known = (oid: string): VenueOrder | undefined => this.orders.get(oid);

  remember(order: VenueOrder): void {
    this.orders.set(order.venueOrderId, order);
  }

  read(raw: string, at: number): FrameReading {
    const events: VenueEvent[] = [];
    const push = (body: Body): void => void events.push({ ...body, at, raw } as VenueEvent);
    const bad = (problem: string): void => void events.push({ kind: 'malformed', source: 'ws', problem, at, venueAt: null, raw });
    if (raw === HELLO) return { events, ack: false };
    const json = parseJson(raw);
    if (!json.ok) return bad(json.problem), { events, ack: false };
    const frame = wsFrameSchema.safeParse(json.value);
    if (!frame.success) return bad(`unexpected message: ${describeIssues(frame.error)}`), { events, ack: false };
    const { channel, data } = frame.data;
    switch (channel) {
      case 'subscriptionResponse':
        return { events, ack: true };
      case 'pong':
        break;
      case 'error': {
        const text = typeof data === 'string' ? data : JSON.stringify(data);
        events.push({ kind: 'venue_error', source: 'ws', reason: `venue error: ${text}`, at, venueAt: null, raw });
        if (isPostOnlyNotice(text)) push({ kind: 'status', status: 'post_only', venueAt: null });
        break;
      }
      case 'user':
        this.readUserEvent(data, raw, at, push, bad);
        break;
      case 'orderUpdates':
        if (!Array.isArray(data)) bad('orderUpdates: expected an array');
        else for (const item of data) this.readOrder(item, push, bad);
        break;
      case 'userFills': {
        const parsed = userFillsSchema.safeParse(data);
        if (!parsed.success) bad(`userFills: ${describeIssues(parsed.error)}`);
        else for (const item of parsed.data.fills) this.readFillItem(item, push, bad, (drift) => events.push(...this.options.drifts.events(drift, 'ws', at, raw)));
        break;
      }
      case 'activeAssetCtx': {
        const parsed = activeAssetCtxSchema.safeParse(data);
        const price = parsed.success ? readAssetCtx(parsed.data.coin, parsed.data.ctx) : null;
        if (!price?.ok) bad(price ? price.problem : `activeAssetCtx: ${describeIssues(parsed.error!)}`);
        else push({ kind: 'price', price: price.value, venueAt: null });
        break;
      }
      default:
        bad(`unexpected channel ${channel}`);
    }
    return { events, ack: false };
  }

  /**
   * Fills come from `userFills` (which resends them after every reconnect), so the copies in
   * `user` are not read twice; TWAP events have no place in the port.
   */
  private readUserEvent(data: unknown, raw: string, at: number, push: (b: Body) => void, bad: (p: string) => void): void {
    const parsed = userEventSchema.safeParse(data);
    if (!parsed.success) return bad(`user: ${describeIssues(parsed.error)}`);
    const event = parsed.data;
    if ('funding' in event) {
      const funding = readWsFunding(event.funding);
      for (const notice of this.options.drifts.events(funding.drift, 'ws', at, raw)) this.options.emit(notice);
      if (!funding.ok) return bad(funding.problem);
      push({ kind: 'funding', funding: funding.value, venueAt: funding.venueAt });
    } else if ('nonUserCancel' in event) {
      for (const { oid } of event.nonUserCancel) {
        const known = this.orders.get(String(oid));
        if (known) this.readClosed({ ...known, status: 'CLOSED', cancelReason: 'nonUserCancel' }, push);
        else void this.lookUpCancel(oid, raw, at);
      }
    } else if ('liquidation' in event) {
      const liquidatedHere = event.liquidation.liquidated_user.toLowerCase() === this.options.user.toLowerCase();
      void this.accountAtLiquidation(liquidatedHere, raw, at);
    }
  }

  private readClosed(order: VenueOrder, push: (b: Body) => void): void {
    this.orders.set(order.venueOrderId, order);
    push({ kind: 'order', order, venueAt: order.venueAt });
  }

  private readOrder(item: unknown, push: (b: Body) => void, bad: (p: string) => void): void {
    const order = readOrderWithStatus(item, this.known);
    if (!order.ok) return bad(order.problem);
    this.orders.set(order.value.venueOrderId, order.value);
    push({ kind: 'order', order: order.value, venueAt: order.venueAt });
  }

  private readFillItem(item: unknown, push: (b: Body) => void, bad: (p: string) => void, drifted: (drift: FieldDrift[] | undefined) => void): void {
    const fill = readFill(item, this.options.user);
    drifted(fill.drift);
    if (!fill.ok) return bad(fill.problem);
    push({ kind: 'fill', fill: fill.value, venueAt: fill.venueAt });
  }

  private async lookUpCancel(oid: number, raw: string, at: number): Promise<void> {
    const result = await this.options.orderStatus(oid);
    if (!result.ok || result.value === null) {
      const why = result.ok ? 'the venue does not know it' : result.error.message;
      this.options.emit({ kind: 'venue_error', source: 'ws', reason: `the venue cancelled order ${oid} but its details could not be read: ${why}`, at, venueAt: null, raw });
      return;
    }
    const order: VenueOrder = { ...result.value, status: 'CLOSED', cancelReason: result.value.cancelReason ?? 'nonUserCancel' };
    this.orders.set(order.venueOrderId, order);
    this.options.emit({ kind: 'order', order, at, venueAt: order.venueAt, raw });
  }

  private async accountAtLiquidation(liquidatedHere: boolean, raw: string, at: number): Promise<void> {
    const result = await this.options.clearinghouse(liquidatedHere);
    if (!result.ok) {
      this.options.emit({ kind: 'venue_error', source: 'ws', reason: `liquidation notice, but the account could not be read: ${result.error.message}`, at, venueAt: null, raw });
      return;
    }
    const { account } = result.value;
    this.options.emit({ kind: 'account', account, at, venueAt: account.venueAt, raw });
  }
}
