import { describe, expect, it } from 'vitest';
import { accepted, BTC, engineFixture, ETH, refusal } from './fixture';

const mark = (f: ReturnType<typeof engineFixture>, market = BTC.symbol) => f.engine.market(market)!.mark.toFixed();

describe('venue actions', () => {
  it('markOverride pins the mark (and requotes) until markRelease returns it to the reference', () => {
    const f = engineFixture();
    f.engine.apply({ kind: 'markOverride', market: BTC.symbol, price: '61000' });
    const btc = f.engine.market(BTC.symbol)!;
    expect([btc.mark.toFixed(), btc.bid.toFixed(), btc.ask.toFixed()]).toEqual(['61000', '60993.9', '61006.1']);
    f.moveTo(BTC.symbol, '96000');
    expect(mark(f)).toBe('61000');
    expect(mark(f, ETH.symbol)).toBe('3300');
    f.engine.apply({ kind: 'markRelease', market: BTC.symbol });
    expect(mark(f)).toBe('96000');
  });

  it('oracleFreeze holds the last index while the reference moves; oracleRelease jumps to the reference', () => {
    const f = engineFixture();
    f.engine.apply({ kind: 'oracleFreeze', market: ETH.symbol });
    f.moveTo(ETH.symbol, '3000');
    f.seconds(10);
    expect(mark(f, ETH.symbol)).toBe('3300');
    f.engine.apply({ kind: 'oracleRelease', market: ETH.symbol });
    expect(mark(f, ETH.symbol)).toBe('3000');
  });

  it('an override set during a freeze falls back to the frozen value when released', () => {
    const f = engineFixture();
    f.engine.apply({ kind: 'oracleFreeze', market: BTC.symbol });
    f.engine.apply({ kind: 'markOverride', market: BTC.symbol, price: '1' });
    f.moveTo(BTC.symbol, '90000');
    f.engine.apply({ kind: 'markRelease', market: BTC.symbol });
    expect(mark(f)).toBe('95000');
  });

  it('cancelOpenOrders cancels open and untriggered orders with the given reason, except the listed types and other markets', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5' }));
    const place = (clientId: string, body: Record<string, unknown>) => accepted(f.engine.placeOrder({ market: BTC.symbol, size: '0.1', client_id: clientId, ...body }));
    place('O1', { side: 'BUY', type: 'LIMIT', price: '90000' });
    place('TP', { side: 'SELL', type: 'TAKE_PROFIT_MARKET', trigger_price: '99000', flags: ['REDUCE_ONLY'] });
    place('SL', { side: 'SELL', type: 'STOP_LOSS_MARKET', trigger_price: '90000', flags: ['REDUCE_ONLY'] });
    place('ST', { side: 'SELL', type: 'STOP_MARKET', trigger_price: '91000', flags: ['REDUCE_ONLY'] });
    place('E1', { market: ETH.symbol, side: 'SELL', type: 'LIMIT', price: '3450' });
    f.engine.apply({ kind: 'cancelOpenOrders', except: ['TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET'], reason: 'ADMIN_CANCEL', market: BTC.symbol });
    const reasons = Object.fromEntries(['O1', 'TP', 'SL', 'ST', 'E1'].map((c) => [c, f.engine.order({ clientId: c })!.cancelReason]));
    expect(reasons).toEqual({ O1: 'ADMIN_CANCEL', TP: null, SL: null, ST: 'ADMIN_CANCEL', E1: null });
    f.engine.apply({ kind: 'cancelOpenOrders', except: [], reason: 'SYSTEM_MAINTENANCE' });
    expect(f.engine.openOrders()).toHaveLength(0);
    expect(f.engine.order({ clientId: 'E1' })!.cancelReason).toBe('SYSTEM_MAINTENANCE');
  });

  it('bustFill reverses a fill: position, fees and PnL as if it never happened, listed in tradebusts', () => {
    const f = engineFixture();
    const busts: string[] = [];
    f.engine.on((e) => {
      if (e.type === 'tradebust') busts.push(e.bust.fillId);
    });
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5', client_id: 'L1' }));
    f.moveTo(BTC.symbol, '97000');
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.2', client_id: 'L2' }));
    f.moveTo(BTC.symbol, '98000');
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'MARKET', size: '0.1', client_id: 'S1' }));
    const [l1, l2, s1] = f.engine.fills();

    const reference = engineFixture();
    accepted(reference.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5' }));
    reference.moveTo(BTC.symbol, '98000');
    accepted(reference.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'MARKET', size: '0.1' }));

    f.engine.apply({ kind: 'bustFill', clientId: 'L2' });
    expect(busts).toEqual([l2.id]);
    expect(f.engine.tradebusts().map((b) => [b.fillId, b.createdAt])).toEqual([[l2.id, f.clock.now()]]);
    expect(f.engine.fills().map((x) => x.id)).toEqual([l1.id, s1.id]);
    const position = f.engine.position(BTC.symbol)!;
    const expected = reference.engine.position(BTC.symbol)!;
    expect([position.size.toFixed(), position.averageEntryPrice.toFixed(), position.realizedPositionalPnl.toFixed()])
      .toEqual([expected.size.toFixed(), expected.averageEntryPrice.toFixed(), expected.realizedPositionalPnl.toFixed()]);
    expect(f.engine.accountSummary().collateral.toFixed()).toBe(reference.engine.accountSummary().collateral.toFixed());
    expect(() => f.engine.apply({ kind: 'bustFill', clientId: 'L2' })).toThrow(/L2/);
  });

  it('bustFill of the only fill leaves a flat position and cancels reduce-only orders that can no longer reduce', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5', client_id: 'L1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'TAKE_PROFIT_MARKET', size: '0.5', trigger_price: '99000', flags: ['REDUCE_ONLY'], client_id: 'TP' }));
    f.engine.apply({ kind: 'bustFill', clientId: 'L1' });
    expect(f.engine.position(BTC.symbol)!.size.toFixed()).toBe('0');
    expect(f.engine.accountSummary().collateral.toFixed()).toBe('8000');
    expect(f.engine.order({ clientId: 'TP' })!.cancelReason).toBe('REDUCE_ONLY_WILL_INCREASE');
  });

  it.each([
    ['apiOutage errors-but-accepts', { kind: 'apiOutage', mode: 'errors-but-accepts', seconds: 30 }, { apiOutage: 'errors-but-accepts', websocketsRefused: true, halted: false }],
    ['apiOutage down', { kind: 'apiOutage', mode: 'down', seconds: 30 }, { apiOutage: 'down', websocketsRefused: true, halted: false }],
    ['disconnect', { kind: 'disconnect', seconds: 30 }, { apiOutage: null, websocketsRefused: true, halted: false }],
    ['halt', { kind: 'halt', seconds: 30 }, { apiOutage: null, websocketsRefused: false, halted: true }],
  ] as const)('%s opens a connectivity window that closes by itself', (_l, action, during) => {
    const f = engineFixture();
    let changes = 0;
    f.engine.on((e) => {
      if (e.type === 'connectivity') changes++;
    });
    f.engine.apply(action);
    expect(f.engine.connectivity()).toEqual(during);
    f.seconds(29);
    expect(f.engine.connectivity()).toEqual(during);
    f.seconds(1);
    expect(f.engine.connectivity()).toEqual({ apiOutage: null, websocketsRefused: false, halted: false });
    expect(changes).toBe(2);
  });

  it('settle closes the position at the settlement price without fee, cancels the market\'s orders and closes the market', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'MARKET', size: '0.5' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price: '80000', client_id: 'O1' }));
    accepted(f.engine.placeOrder({ market: ETH.symbol, side: 'BUY', type: 'LIMIT', size: '1', price: '3000', client_id: 'E1' }));
    f.engine.apply({ kind: 'settle', market: BTC.symbol, price: '90000' });
    const fill = f.engine.fills().at(-1)!;
    expect([fill.fillType, fill.side, fill.price.toFixed(), fill.size.toFixed(), fill.fee.toFixed(), fill.clientId]).toEqual(['SETTLE_MARKET', 'BUY', '90000', '0.5', '0', 'settle-1']);
    expect(f.engine.order({ clientId: 'O1' })!.cancelReason).toBe('ASSET_EXPIRED');
    expect(f.engine.order({ clientId: 'E1' })!.status).toBe('OPEN');
    expect(refusal(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.1' }))).toBe('MARKET_NOT_OPEN');
    f.moveTo(BTC.symbol, '99000');
    expect(mark(f)).toBe('90000');
  });

  it('liquidityDrain widens the maker to 500 bps for its duration', () => {
    const f = engineFixture();
    f.engine.apply({ kind: 'liquidityDrain', market: BTC.symbol, seconds: 600 });
    const btc = f.engine.market(BTC.symbol)!;
    expect([btc.bid.toFixed(), btc.ask.toFixed()]).toEqual(['92625', '97375']);
    f.seconds(599);
    expect(btc.ask.toFixed()).toBe('97375');
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.01' }));
    expect(f.engine.fills().at(-1)!.price.toFixed()).toBe('97375');
    f.seconds(1);
    expect([btc.bid.toFixed(), btc.ask.toFixed()]).toEqual(['94990.5', '95009.5']);
  });

  it('status changes are announced', () => {
    const f = engineFixture();
    f.engine.apply({ kind: 'status', status: 'post_only' });
    expect(f.events.filter((e) => e.type === 'status')).toEqual([{ type: 'status', status: 'post_only' }]);
  });
});
