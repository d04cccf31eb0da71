import { describe, expect, it } from 'vitest';
import type { SimEngine } from './engine';
import { accepted, BTC, engineFixture, ETH } from './fixture';

/** Everything a rollback must restore, as comparable plain data. */
function venueState(engine: SimEngine) {
  return {
    orders: engine.orders().map((o) => ({ id: o.id, clientId: o.clientId, status: o.status, remaining: o.remaining.toFixed(), cancelReason: o.cancelReason })),
    open: engine.openOrders().map((o) => o.id),
    fills: engine.fills().map((x) => ({ id: x.id, clientId: x.clientId, price: x.price.toFixed(), size: x.size.toFixed(), fee: x.fee.toFixed() })),
    positions: engine.positions().map((p) => ({ market: p.market, size: p.size.toFixed(), entry: p.averageEntryPrice.toFixed(), realized: p.realizedPositionalPnl.toFixed() })),
    collateral: engine.accountSummary().collateral.toFixed(),
    tradebusts: engine.tradebusts().map((b) => b.fillId),
    height: engine.height(),
  };
}

describe('snapshot and rollback', () => {
  it('restores orders, fills, positions, balances, trade busts and chain height', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5', client_id: 'L1' }));
    accepted(f.engine.placeOrder({ market: ETH.symbol, side: 'BUY', type: 'MARKET', size: '1', client_id: 'E1' }));
    f.engine.apply({ kind: 'bustFill', clientId: 'E1' });
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price: '93000', client_id: 'O1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'TAKE_PROFIT_MARKET', size: '0.5', trigger_price: '99000', flags: ['REDUCE_ONLY'], client_id: 'TP1' }));
    f.seconds(5);
    f.engine.apply({ kind: 'snapshot', name: 'pre' });
    const before = venueState(f.engine);

    accepted(f.engine.cancelOrder({ clientId: 'O1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'MARKET', size: '0.1', flags: ['REDUCE_ONLY'], client_id: 'C1' }));
    accepted(f.engine.placeOrder({ market: ETH.symbol, side: 'SELL', type: 'LIMIT', size: '2', price: '3450', client_id: 'O2' }));
    f.engine.apply({ kind: 'bustFill', clientId: 'L1' });
    f.seconds(60);
    f.engine.apply({ kind: 'markOverride', market: BTC.symbol, price: '47000' });
    expect(venueState(f.engine)).not.toEqual(before);

    f.engine.apply({ kind: 'rollback', name: 'pre' });
    expect(venueState(f.engine)).toEqual(before);
    expect(f.engine.order({ clientId: 'C1' })).toBeUndefined();
    expect(f.engine.order({ clientId: 'O1' })!.status).toBe('OPEN');

    // The restored book is live: the same resting order still fills when the mark reaches it.
    f.engine.apply({ kind: 'markRelease', market: BTC.symbol });
    f.moveTo(BTC.symbol, '92000');
    expect(f.engine.order({ clientId: 'O1' })!.status).toBe('CLOSED');
    expect(f.engine.position(BTC.symbol)!.size.toFixed()).toBe('0.6');

    // A snapshot can be rolled back to again, untouched by what happened after the first rollback.
    f.engine.apply({ kind: 'rollback', name: 'pre' });
    expect(venueState(f.engine)).toEqual(before);
  });

  it('gives re-produced heights new block hashes and keeps the hashes below the rollback point', () => {
    const f = engineFixture();
    f.seconds(3);
    f.engine.apply({ kind: 'snapshot', name: 's' });
    const kept = f.engine.height();
    f.seconds(3);
    const lost = f.engine.height();
    const [keptHash, lostHash] = [f.engine.blockHash(kept), f.engine.blockHash(lost)];
    f.engine.apply({ kind: 'rollback', name: 's' });
    expect(f.engine.height()).toBe(kept);
    f.seconds(3);
    expect(f.engine.height()).toBe(lost);
    expect(f.engine.blockHash(kept)).toBe(keptHash);
    expect(f.engine.blockHash(lost)).not.toBe(lostHash);
  });

  it('reports a position opened after the snapshot as flat once rolled back', () => {
    const f = engineFixture();
    f.engine.apply({ kind: 'snapshot', name: 'empty' });
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5' }));
    f.events.length = 0;
    f.engine.apply({ kind: 'rollback', name: 'empty' });
    expect(f.engine.position(BTC.symbol)!.size.toFixed()).toBe('0');
    expect(f.engine.accountSummary().collateral.toFixed()).toBe('8000');
    expect(f.engine.fills()).toEqual([]);
    expect(f.events).toContainEqual({ type: 'position', market: BTC.symbol });
  });

  it('refuses to roll back to a snapshot that was never taken', () => {
    expect(() => engineFixture().engine.apply({ kind: 'rollback', name: 'nope' })).toThrow(/nope/);
  });
});
