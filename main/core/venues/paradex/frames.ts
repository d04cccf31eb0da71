/**
 * One Paradex WebSocket frame → the domain events it carries (venue-apis.md §1.7). A frame that
 * cannot be read, or that arrives on a channel we never asked for, becomes a `malformed` event
 * with the frame itself, so that it is journaled rather than lost.
 */
import type { DriftNotices } from '../common/drift';
import { describeIssues, type Parsed } from '../common/parsed';
import type { VenueEvent } from '../port';
import { readAccount, readFill, readMarketSummary, readOrder, readPosition, readTradeBust, readTransaction } from './parse';
import { rpcResponseSchema, subscriptionFrameSchema } from './schemas';

export type FrameJson = { ok: true; value: unknown } | { ok: false; problem: string };

export interface FrameContext {
  at: number;
  /** Price events are kept for these markets only; null keeps them all. */
  markets: ReadonlySet<string> | null;
  /** Where schema drift is reported once; without it drift goes unreported. */
  drifts?: DriftNotices;
}

type Builder = (data: unknown, raw: string, context: FrameContext) => VenueEvent[];

export function eventsFromFrame(raw: string, json: FrameJson, context: FrameContext): VenueEvent[] {
  const { at } = context;
  if (!json.ok) return [{ kind: 'malformed', source: 'ws', problem: json.problem, at, venueAt: null, raw }];
  const frame = subscriptionFrameSchema.safeParse(json.value);
  if (!frame.success) return [nonDataFrame(raw, json.value, at, describeIssues(frame.error))];
  const { channel, data } = frame.data.params;
  const build = builderFor(channel);
  if (!build) return [{ kind: 'malformed', source: 'ws', problem: `unexpected channel ${channel}`, at, venueAt: null, raw }];
  const items = Array.isArray(data) ? data : [data];
  const events: VenueEvent[] = [];
  for (const item of items) events.push(...build(item, raw, context));
  return events;
}

function builderFor(channel: string): Builder | null {
  if (channel === 'markets_summary' || channel.startsWith('markets_summary.')) return priceEvent;
  if (channel.startsWith('orders.')) return typed(readOrder, (order) => ({ kind: 'order', order }));
  if (channel.startsWith('fills.')) return typed(readFill, (fill) => ({ kind: 'fill', fill }));
  if (channel === 'positions') return typed(readPosition, (position) => ({ kind: 'position', position }));
  if (channel === 'account') return typed(readAccount, (account) => ({ kind: 'account', account }));
  if (channel === 'tradebusts') return typed(readTradeBust, (bust) => ({ kind: 'trade_bust', bust }));
  if (channel === 'transaction') return typed(readTransaction, (transaction) => ({ kind: 'transaction', transaction }));
  return null;
}

type Payload = DistributiveOmit<Exclude<VenueEvent, { kind: 'malformed' | 'venue_error' | 'connection' | 'schema_drift' }>, 'at' | 'venueAt' | 'raw'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function typed<T>(read: (input: unknown) => Parsed<T>, wrap: (value: T) => Payload): Builder {
  return (data, raw, { at, drifts }) => {
    const parsed = read(data);
    const drift = drifts?.events(parsed.drift, 'ws', at, raw) ?? [];
    if (!parsed.ok) return [...drift, { kind: 'malformed', source: 'ws', problem: parsed.problem, at, venueAt: null, raw }];
    return [...drift, { ...wrap(parsed.value), at, venueAt: parsed.venueAt, raw } as VenueEvent];
  };
}

const priceEvent: Builder = (data, raw, context) => {
  const parsed = readMarketSummary(data);
  const { at } = context;
  if (!parsed.ok) return [{ kind: 'malformed', source: 'ws', problem: parsed.problem, at, venueAt: null, raw }];
  if (context.markets && !context.markets.has(parsed.value.market)) return [];
  return [{ kind: 'price', price: parsed.value, at, venueAt: parsed.venueAt, raw }];
};

/** A JSON-RPC error answer is the venue speaking; anything else outside a data frame is unexpected. */
function nonDataFrame(raw: string, value: unknown, at: number, problem: string): VenueEvent {
  const response = rpcResponseSchema.safeParse(value);
  if (response.success && response.data.error) {
    const { code, message } = response.data.error;
    return { kind: 'venue_error', source: 'ws', reason: `JSON-RPC error ${code}: ${message}`, at, venueAt: null, raw };
  }
  return { kind: 'malformed', source: 'ws', problem: `unexpected message: ${problem}`, at, venueAt: null, raw };
}
