/**
 * A venue mark of 0 (Paradex showed $0 prices in Jan 2026): matching, triggers, margin,
 * liquidation and every JSON shape must take it without dividing by zero or throwing.
 */
import { describe, expect, it } from 'vitest';
import { accepted, BTC, engineFixture, ETH } from './fixture';
import { accountJson, openInterestOf, orderJson, positionJson, summaryJson } from './paradex-shapes';

const zero = { kind: 'markOverride' as const, market: BTC.symbol, price: '0' };

function shapesOf(f: ReturnType<typeof engineFixture>) {
  const { engine } = f;
  return JSON.stringify([
    summaryJson(engine.market(BTC.symbol)!, openInterestOf(engine, BTC.symbol)),
    accountJson(engine),
    engine.positions().map((p) => positionJson(engine, p)),
    engine.orders().map((o) => orderJson(o, engine.account)),
  ]);
}

describe('the simulator at a mark of 0', () => {
  it('quotes 0, fills a market order and a crossing limit at 0, and keeps its JSON readable', () => {
    const f = engineFixture({ collateral: '20000' });
    f.engine.apply(zero);
    const btc = f.engine.market(BTC.symbol)!;
    expect([btc.mark.toFixed(), btc.bid.toFixed(), btc.ask.toFixed()]).toEqual(['0', '0', '0']);
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.1', client_id: 'M1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price: '10', client_id: 'L1' }));
    expect(f.engine.fills().map((fill) => [fill.clientId, fill.price.toFixed(), fill.fee.toFixed()])).toEqual([['M1', '0', '0'], ['L1', '0', '0']]);
    expect(f.engine.position(BTC.symbol)!.size.toFixed()).toBe('0.2');
    expect(f.engine.liquidationPrice(BTC.symbol)).toBeNull();
    f.seconds(3);
    expect(shapesOf(f)).not.toMatch(/NaN|Infinity/);
  });

  it('triggers a sell stop at 0 and fills it at 0; a long the account can carry is not liquidated', () => {
    const f = engineFixture({ collateral: '8000' });
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.05', client_id: 'L1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0.02', trigger_price: '90000', flags: ['REDUCE_ONLY'], client_id: 'SL1' }));
    f.engine.apply(zero);
    expect(f.engine.fills().map((fill) => [fill.clientId, fill.fillType, fill.price.toFixed()])).toEqual([
      ['L1', 'FILL', expect.any(String)],
      ['SL1', 'FILL', '0'],
    ]);
    expect(f.engine.position(BTC.symbol)!.size.toFixed()).toBe('0.03');
    expect(f.engine.accountSummary().status).toBe('ACTIVE');
    expect(shapesOf(f)).not.toMatch(/NaN|Infinity/);
  });

  it('liquidates a long the account cannot carry at a mark of 0, at 0, with a fee of 0', () => {
    const f = engineFixture({ collateral: '8000' });
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '1', client_id: 'L1' }));
    accepted(f.engine.placeOrder({ market: ETH.symbol, side: 'SELL', type: 'MARKET', size: '1', client_id: 'E1' }));
    f.engine.apply(zero);
    const liquidations = f.engine.fills().filter((fill) => fill.fillType === 'LIQUIDATION');
    expect(liquidations.map((fill) => [fill.market, fill.price.toFixed(), fill.fee.toFixed()])).toEqual([
      [BTC.symbol, '0', '0'],
      [ETH.symbol, '3300', '16.5'],
    ]);
    expect(f.engine.positions().map((p) => p.size.toFixed())).toEqual(['0', '0']);
    expect(shapesOf(f)).not.toMatch(/NaN|Infinity/);
  });
});
