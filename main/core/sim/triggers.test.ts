import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { accepted, BTC, engineFixture } from './fixture';
import { isTriggered } from './triggers';

describe('isTriggered', () => {
  it.each([
    ['STOP_LOSS_MARKET', 'SELL', '94000', '94000.1', false],
    ['STOP_LOSS_MARKET', 'SELL', '94000', '94000', true],
    ['STOP_MARKET', 'SELL', '94000', '93000', true],
    ['TAKE_PROFIT_MARKET', 'SELL', '96000', '95999.9', false],
    ['TAKE_PROFIT_MARKET', 'SELL', '96000', '96000', true],
    ['STOP_LOSS_MARKET', 'BUY', '96000', '95999.9', false],
    ['STOP_MARKET', 'BUY', '96000', '96000', true],
    ['TAKE_PROFIT_MARKET', 'BUY', '94000', '94000.1', false],
    ['TAKE_PROFIT_MARKET', 'BUY', '94000', '94000', true],
  ] as const)('%s %s with trigger %s at mark %s → %s', (type, side, trigger, mark, expected) => {
    expect(isTriggered({ type, side, triggerPrice: new Decimal(trigger) }, new Decimal(mark))).toBe(expected);
  });
});

describe('triggers in the engine', () => {
  it.each([
    ['a sell stop-loss', 'BUY', 'SELL', 'STOP_LOSS_MARKET', '94000', '94100', '93900'],
    ['a sell take-profit', 'BUY', 'SELL', 'TAKE_PROFIT_MARKET', '96000', '95900', '96100'],
    ['a buy stop', 'SELL', 'BUY', 'STOP_MARKET', '96000', '95900', '96100'],
    ['a buy take-profit', 'SELL', 'BUY', 'TAKE_PROFIT_MARKET', '94000', '94100', '93900'],
  ] as const)('%s waits for the mark, then executes at the touch as a taker', (_l, open, close, type, trigger, before, after) => {
    const f = engineFixture();
    const statuses: string[] = [];
    f.engine.on((e) => {
      if (e.type === 'order' && e.order.clientId === 'T') statuses.push(e.order.status);
    });
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: open, type: 'MARKET', size: '0.1' }));
    const placed = accepted(f.engine.placeOrder({ market: BTC.symbol, side: close, type, size: '0.1', trigger_price: trigger, flags: ['REDUCE_ONLY'], client_id: 'T' }));
    expect(placed.status).toBe('NEW');
    expect(f.engine.order({ clientId: 'T' })!.status).toBe('UNTRIGGERED');
    f.moveTo(BTC.symbol, before);
    expect(f.engine.order({ clientId: 'T' })!.status).toBe('UNTRIGGERED');
    f.moveTo(BTC.symbol, after);
    const order = f.engine.order({ clientId: 'T' })!;
    expect([order.status, order.cancelReason]).toEqual(['CLOSED', null]);
    const fill = f.engine.fills().at(-1)!;
    const market = f.engine.market(BTC.symbol)!;
    expect([fill.clientId, fill.liquidity, fill.fillType, fill.price.toFixed()]).toEqual(['T', 'TAKER', 'FILL', (close === 'SELL' ? market.bid : market.ask).toFixed()]);
    expect(f.engine.position(BTC.symbol)!.size.isZero()).toBe(true);
    expect(statuses).toEqual(['NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED']);
  });

  it('cancels the other leg of a TP/SL pair once one leg closes the position', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'TAKE_PROFIT_MARKET', size: '0.1', trigger_price: '99000', flags: ['REDUCE_ONLY'], client_id: 'TP' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0.1', trigger_price: '90000', flags: ['REDUCE_ONLY'], client_id: 'SL' }));
    f.moveTo(BTC.symbol, '89000');
    expect(f.engine.order({ clientId: 'SL' })!.cancelReason).toBeNull();
    expect(f.engine.order({ clientId: 'TP' })!.cancelReason).toBe('REDUCE_ONLY_WILL_INCREASE');
  });

  it('runs triggers before the liquidation check on the same mark change', () => {
    const withStop = engineFixture();
    const withoutStop = engineFixture();
    for (const f of [withStop, withoutStop]) accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5' }));
    accepted(withStop.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0.5', trigger_price: '85000', flags: ['REDUCE_ONLY'] }));
    // At 80000 equity ≈ 481 < maintenance 1200: liquidated unless the stop closes first.
    for (const f of [withStop, withoutStop]) f.moveTo(BTC.symbol, '80000');
    expect(withStop.engine.fills().map((x) => x.fillType)).toEqual(['FILL', 'FILL']);
    expect(withoutStop.engine.fills().map((x) => x.fillType)).toEqual(['FILL', 'LIQUIDATION']);
  });
});
