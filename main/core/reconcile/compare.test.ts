import { describe, expect, it } from 'vitest';
import type { FillRow, OrderRow } from '../journal/projections';
import type { VenueFill, VenueOrder } from '../venues/port';
import { compare, positionDrift, SETTLE_MS } from './compare';

const row = (fillId: string, over: Partial<FillRow> = {}): FillRow => ({
  venue: 'paradex', fillId, clientId: 'C1', venueOrderId: 'v1', market: 'BTC-USD-PERP', side: 'SELL', price: '95000', size: '0.1',
  fee: '2.85', liquidity: 'TAKER', fillType: 'FILL', realizedPnl: null, busted: false, seq: 10, bustSeq: null, ...over,
});
const venueFill = (fillId: string): VenueFill => ({
  fillId, venueOrderId: 'v1', clientId: 'C1', market: 'BTC-USD-PERP', side: 'SELL', liquidity: 'TAKER', fillType: 'FILL', price: '95000',
  size: '0.1', fee: '2.85', feeCurrency: 'USDC', realizedPnl: null, venueAt: 0,
});
const orderRow = (clientId: string, state: string, reason: string | null = null): OrderRow => ({
  clientId, venue: 'paradex', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '1', price: '90000', triggerPrice: null, postOnly: false,
  reduceOnly: false, venueOrderId: `v-${clientId}`, state, reason, remainingSize: '1', filledSize: '0', cancelState: null, cancelReason: null, intentSeq: 1, lastSeq: 2,
});
const venueOrder = (clientId: string, status: VenueOrder['status']): VenueOrder => ({
  venueOrderId: `v-${clientId}`, clientId, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', status, instruction: 'GTC', size: '1',
  remainingSize: '1', price: '90000', triggerPrice: null, avgFillPrice: null, flags: [], cancelReason: null, venueAt: 0,
});
const journal = (over: Partial<Parameters<typeof compare>[1]> = {}) => ({ fills: [], orders: [], positions: [], reversedFills: new Set<string>(), vanishedOrders: new Set<string>(), ...over });
const venue = (over: Partial<Parameters<typeof compare>[0]> = {}) => ({ fills: [], busts: [], orders: [], positions: [], ...over });

describe('compare the venue with the journal', () => {
  it('names a fill gone from the venue, but not a fresh one nor a busted one', () => {
    const now = 1_000_000;
    const times = new Map([['fresh', now - SETTLE_MS + 1], ['old', now - SETTLE_MS]]);
    const result = compare(venue({ busts: [{ account: null, bustedFillId: 'bust', venueAt: 0 }] }), journal({ fills: [row('fresh'), row('old'), row('bust'), row('earlier-session')] }), now, times);
    expect(result.reversed.map((f) => f.fillId)).toEqual(['old', 'earlier-session']);
  });

  it('names a fill only the venue knows, and does not name it twice once reversed', () => {
    const result = compare(venue({ fills: [venueFill('a'), venueFill('new')] }), journal({ fills: [row('a'), row('gone')], reversedFills: new Set(['gone']) }), 0, new Map());
    expect(result.discovered.map((f) => f.fillId)).toEqual(['new']);
    expect(result.reversed).toEqual([]);
  });

  it('sorts orders: missing at the venue, live again after being closed, and accepted despite no answer', () => {
    const result = compare(
      venue({ orders: [venueOrder('reopened', 'UNTRIGGERED'), venueOrder('ambiguous', 'OPEN'), venueOrder('fine', 'CLOSED')] }),
      journal({ orders: [orderRow('missing', 'acked'), orderRow('reopened', 'CLOSED', 'IN_LIQUIDATION'), orderRow('ambiguous', 'unresolved'), orderRow('fine', 'CLOSED'), orderRow('denied', 'denied')] }),
      0,
      new Map(),
    );
    expect(result.missing.map((o) => o.clientId)).toEqual(['missing']);
    expect(result.reopened.map((o) => o.row.clientId)).toEqual(['reopened']);
    expect(result.ambiguous.map((o) => o.row.clientId)).toEqual(['ambiguous']);
  });

  it('compares positions exactly, in decimals', () => {
    const positions = [{ market: 'BTC-USD-PERP', side: 'LONG' as const, size: '0.50', status: 'OPEN' as const, averageEntryPrice: null, liquidationPrice: null, unrealizedPnl: null, realizedPnl: null, venueAt: null }];
    expect(positionDrift(positions, [{ venue: 'paradex', market: 'BTC-USD-PERP', size: '0.5', lastSeq: 1 }])).toEqual([]);
    expect(positionDrift(positions, [{ venue: 'paradex', market: 'BTC-USD-PERP', size: '0.4', lastSeq: 1 }])).toEqual([{ market: 'BTC-USD-PERP', venue: '0.50', journal: '0.4' }]);
  });
});
