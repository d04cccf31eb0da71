import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { parseScenario } from '../scenario/parse';
import { referencePath } from '../scenario/reference-path';
import { simConfigFromScenario } from './config';
import { SimEngine } from './engine';
import { accepted, BTC, engineFixture, ETH } from './fixture';
import { driveScenario } from './scenario-driver';

function longHalfBitcoin() {
  const f = engineFixture();
  accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5' }));
  return f;
}

describe('liquidation', () => {
  it('computes the liquidation price from equity and maintenance margin', () => {
    const { engine } = longHalfBitcoin();
    // m = (0.5 × 95009.5 − (8000 − 14.251425)) / (0.5 − 0.03 × 0.5)
    expect(engine.liquidationPrice(BTC.symbol)!.toFixed()).toBe('81482.47716495');
  });

  it.each([
    ['just above the threshold', '81482.48', false],
    ['just below the threshold', '81482.47', true],
  ])('%s → liquidated: %s', (_l, mark, liquidated) => {
    const f = longHalfBitcoin();
    f.moveTo(BTC.symbol, mark);
    expect(f.engine.fills().some((x) => x.fillType === 'LIQUIDATION')).toBe(liquidated);
  });

  it('closes every position at the mark, charges liquidationFee × notional and cancels open orders', () => {
    const f = longHalfBitcoin();
    accepted(f.engine.placeOrder({ market: ETH.symbol, side: 'SELL', type: 'MARKET', size: '2' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price: '70000', client_id: 'O1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'TAKE_PROFIT_MARKET', size: '0.5', trigger_price: '99000', flags: ['REDUCE_ONLY'], client_id: 'TP' }));
    const accountStatuses: string[] = [];
    f.engine.on((e) => {
      if (e.type === 'account') accountStatuses.push(f.engine.accountSummary().status);
    });
    f.moveTo(BTC.symbol, '78000');

    const liquidations = f.engine.fills().filter((x) => x.fillType === 'LIQUIDATION');
    expect(liquidations.map((x) => [x.clientId, x.market, x.side, x.price.toFixed(), x.size.toFixed(), x.fee.toFixed(), x.orderbookSeqNo, x.liquidity])).toEqual([
      ['liq-1', BTC.symbol, 'SELL', '78000', '0.5', '195', 0, 'TAKER'],
      ['liq-2', ETH.symbol, 'BUY', '3300', '2', '33', 0, 'TAKER'],
    ]);
    expect(['O1', 'TP'].map((c) => f.engine.order({ clientId: c })!.cancelReason)).toEqual(['IN_LIQUIDATION', 'IN_LIQUIDATION']);
    expect(f.engine.positions().every((p) => p.size.isZero())).toBe(true);
    expect(accountStatuses[0]).toBe('LIQUIDATION');
    expect(accountStatuses.at(-1)).toBe('ACTIVE');
  });

  it('liquidates a short when the mark rises', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'MARKET', size: '0.5' }));
    f.moveTo(BTC.symbol, '106000');
    expect(f.engine.fills().at(-1)!.fillType).toBe('FILL');
    f.moveTo(BTC.symbol, '112000');
    const fill = f.engine.fills().at(-1)!;
    expect([fill.fillType, fill.side, fill.price.toFixed(), fill.fee.toFixed()]).toEqual(['LIQUIDATION', 'BUY', '112000', '280']);
  });

  it('reproduces the worked example of paradex-2026-01-rollback: the 08:12 liquidation at 81000', () => {
    const parsed = parseScenario(readFileSync(new URL('../../../scenarios/paradex-2026-01-rollback.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const scenario = parsed.value;
    const clock = new VirtualClock(scenario.start);
    const engine = new SimEngine(clock, simConfigFromScenario(scenario));
    engine.start();
    driveScenario(scenario, engine, clock);

    const liquidations = engine.fills().filter((x) => x.fillType === 'LIQUIDATION');
    expect(liquidations).toHaveLength(1);
    const [fill] = liquidations;
    expect(fill.createdAt).toBe(scenario.start + (8 * 3600 + 12 * 60) * 1000);
    expect([fill.price.toFixed(), fill.size.toFixed(), fill.fee.toFixed()]).toEqual(['81000', '0.5', '202.5']);
    const reference = referencePath(scenario).referenceAt(BTC.symbol, fill.createdAt);
    const claim = reference.minus(fill.price).times(fill.size).plus(fill.fee);
    expect(claim.toFixed()).toBe(new Decimal('7502.5').toFixed());
  });
});
