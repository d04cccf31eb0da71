import { describe, expect, it } from 'vitest';
import type { FillRow, OrderRow } from '../journal/projections';
import type { VenueFill, VenueOrder } from '../venues/port';
import { compare, positionDrift, SETTLE_MS, type CompareWindow } from './compare';

const NOW = 10_000_000;
const row = (fillId: string, over: Partial<FillRow> = {}): FillRow => ({
  account: 'sim:local:A', venue: 'paradex', fillId, origin: 'own', clientId: 'C1', venueOrderId: 'v1', market: 'BTC-USD-PERP', side: 'SELL',
  price: '95000', size: '0.1', fee: '2.85', liquidity: 'TAKER', fillType: 'FILL', realizedPnl: null, venueAt: NOW - 60_000, source: 'ws',
  busted: false, seq: 10, bustSeq: null, ...over,
});
const venueFill = (fillId: string, venueAt = NOW - 60_000): VenueFill => ({
  fillId, venueOrderId: 'v1', clientId: 'C1', market: 'BTC-USD-PERP', side: 'SELL', liquidity: 'TAKER', fillType: 'FILL', price: '95000',
  size: '0.1', fee: '2.85', feeCurrency: 'USDC', realizedPnl: null, venueAt,
});
const orderRow = (clientId: string, state: string, reason: string | null = null, over: Partial<OrderRow> = {}): OrderRow => ({
  account: 'sim:local:A', orderKey: clientId, clientId, origin: 'own', venue: 'paradex', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT',
  size: '1', price: '90000', triggerPrice: null, postOnly: false, reduceOnly: false, venueOrderId: `v-${clientId}`, state, reason,
  remainingSize: '1', filledSize: '0', cancelState: null, cancelReason: null, intentSeq: 1, lastSeq: 2, ...over,
});
const venueOrder = (clientId: string | null, status: VenueOrder['status'], over: Partial<VenueOrder> = {}): VenueOrder => ({
  venueOrderId: `v-${clientId ?? 'x'}`, clientId, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', status, instruction: 'GTC', size: '1',
  remainingSize: '1', price: '90000', triggerPrice: null, avgFillPrice: null, flags: [], cancelReason: null, venueAt: 0, ...over,
});
const journal = (over: Partial<Parameters<typeof compare>[1]> = {}) => ({ fills: [], orders: [], vanishedOrders: new Set<string>(), ...over });
const venue = (over: Partial<Parameters<typeof compare>[0]> = {}) => ({ fills: [], busts: [], orders: [], positions: [], ...over });
const window = (over: Partial<CompareWindow> = {}): CompareWindow => ({ start: NOW - 3_600_000, startSeq: 5, now: NOW, askedAtSeq: 100, ...over });

describe('compare the venue with the journal, inside the window both can see', () => {
  it('names a fill gone from the venue inside the window, but not a fresh one, a busted one, or one from before the window (an earlier session)', () => {
    const fills = [
      row('fresh', { venueAt: NOW - SETTLE_MS + 1 }), row('old'), row('bust'), row('earlier-session', { venueAt: NOW - 7_200_000 }),
      row('after-the-question', { seq: 101 }),
    ];
    const result = compare(venue({ busts: [{ account: null, bustedFillId: 'bust', venueAt: 0 }] }), journal({ fills }), window());
    expect(result.reversed.map((f) => f.fillId)).toEqual(['old']);
    expect(result.newBusts.map((b) => b.bustedFillId)).toEqual(['bust']);
  });

  it('after a restart, fills of the earlier session that the venue still lists are not reversed', () => {
    const fills = [row('session-A-buy', { venueAt: NOW - 1_000_000 }), row('session-A-close', { venueAt: NOW - 900_000 })];
    const result = compare(venue({ fills: [venueFill('session-A-buy', NOW - 1_000_000), venueFill('session-A-close', NOW - 900_000)] }), journal({ fills }), window());
    expect(result.reversed).toEqual([]);
    expect(result.newFills).toEqual([]);
  });

  it('hands the fills only the venue knows to the door, oldest first; a busted one is not named reversed twice', () => {
    const result = compare(
      venue({ fills: [venueFill('a'), venueFill('later', NOW - 1_000), venueFill('new', NOW - 30_000)] }),
      journal({ fills: [row('a'), row('gone', { busted: true })] }),
      window(),
    );
    expect(result.newFills.map((f) => f.fillId)).toEqual(['new', 'later']);
    expect(result.reversed).toEqual([]);
  });

  it('sorts orders: missing at the venue, live again after being closed, accepted despite no answer, closed meanwhile, placed elsewhere', () => {
    const result = compare(
      venue({
        orders: [
          venueOrder('reopened', 'UNTRIGGERED'), venueOrder('ambiguous', 'OPEN'), venueOrder('fine', 'CLOSED'),
          venueOrder('closed-meanwhile', 'CLOSED', { cancelReason: 'SYSTEM_MAINTENANCE', remainingSize: '1' }), venueOrder(null, 'OPEN', { venueOrderId: 'ext-1' }),
        ],
      }),
      journal({
        orders: [
          orderRow('missing', 'acked'), orderRow('reopened', 'CLOSED', 'IN_LIQUIDATION'), orderRow('ambiguous', 'unresolved'), orderRow('fine', 'CLOSED'),
          orderRow('denied', 'denied'), orderRow('closed-meanwhile', 'OPEN'), orderRow('gone-after-close', 'CLOSED', null, { lastSeq: 6 }),
          orderRow('closed-before-window', 'CLOSED', null, { lastSeq: 4 }),
        ],
      }),
      window(),
    );
    expect(result.missing.map((o) => o.clientId)).toEqual(['missing', 'gone-after-close']);
    expect(result.reopened.map((o) => o.row.clientId)).toEqual(['reopened']);
    expect(result.ambiguous.map((o) => o.row.clientId)).toEqual(['ambiguous']);
    expect(result.orderUpdates.map((o) => o.clientId ?? o.venueOrderId)).toEqual(['reopened', 'ambiguous', 'closed-meanwhile', 'ext-1']);
  });

  it('names a cancel that got no answer but that the venue carried out', () => {
    const result = compare(
      venue({ orders: [venueOrder('done', 'CLOSED', { cancelReason: 'USER_CANCELED', remainingSize: '1' }), venueOrder('still', 'OPEN')] }),
      journal({ orders: [orderRow('done', 'OPEN', null, { cancelState: 'unresolved' }), orderRow('still', 'OPEN', null, { cancelState: 'unresolved' })] }),
      window(),
    );
    expect(result.cancelled.map((c) => c.row.clientId)).toEqual(['done']);
  });

  it('leaves orders the journal changed after asking the venue to the next run', () => {
    const result = compare(venue({ orders: [venueOrder('raced', 'OPEN')] }), journal({ orders: [orderRow('raced', 'CLOSED', null, { lastSeq: 101 })] }), window());
    expect(result.orderUpdates).toEqual([]);
    expect(result.reopened).toEqual([]);
  });

  it('compares positions exactly, in decimals', () => {
    const positions = [{ market: 'BTC-USD-PERP', side: 'LONG' as const, size: '0.50', status: 'OPEN' as const, averageEntryPrice: null, liquidationPrice: null, unrealizedPnl: null, realizedPnl: null, venueAt: null }];
    const held = (size: string) => [{ account: 'sim:local:A', venue: 'paradex', market: 'BTC-USD-PERP', size, lastSeq: 1 }];
    expect(positionDrift(positions, held('0.5'))).toEqual([]);
    expect(positionDrift(positions, held('0.4'))).toEqual([{ market: 'BTC-USD-PERP', venue: '0.50', journal: '0.4' }]);
  });
});
