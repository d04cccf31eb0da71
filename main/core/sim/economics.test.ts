import { describe, expect, it } from 'vitest';
import { accepted, BTC, engineFixture, ETH, refusal } from './fixture';

const market = (side: 'BUY' | 'SELL', size: string, extra: Record<string, unknown> = {}) => ({ market: BTC.symbol, side, type: 'MARKET', size, ...extra });
const limit = (side: 'BUY' | 'SELL', size: string, price: string, extra: Record<string, unknown> = {}) => ({ market: BTC.symbol, side, type: 'LIMIT', size, price, ...extra });

describe('market maker and taker fills', () => {
  it('quotes 2 bps around the mark, rounded outwards to the tick', () => {
    const { engine } = engineFixture();
    const btc = engine.market(BTC.symbol)!;
    expect([btc.bid.toFixed(), btc.mark.toFixed(), btc.ask.toFixed()]).toEqual(['94990.5', '95000', '95009.5']);
  });

  it.each([
    ['a MARKET buy', market('BUY', '0.5'), '95009.5', '14.251425'],
    ['a MARKET sell', market('SELL', '0.5'), '94990.5', '14.248575'],
    ['a crossing LIMIT buy (at the touch, not its own price)', limit('BUY', '0.5', '96000'), '95009.5', '14.251425'],
    ['a crossing LIMIT sell', limit('SELL', '0.5', '94000'), '94990.5', '14.248575'],
    ['a crossing IOC', limit('BUY', '0.5', '95009.5', { instruction: 'IOC' }), '95009.5', '14.251425'],
  ])('%s fills at once at the touch with the taker fee', (_label, body, price, fee) => {
    const { engine } = engineFixture();
    const order = accepted(engine.placeOrder({ ...body, client_id: 'A' }));
    expect(order.status).toBe('NEW');
    const [fill] = engine.fills();
    expect({ price: fill.price.toFixed(), size: fill.size.toFixed(), fee: fill.fee.toFixed(), liquidity: fill.liquidity, type: fill.fillType, clientId: fill.clientId })
      .toEqual({ price, size: '0.5', fee, liquidity: 'TAKER', type: 'FILL', clientId: 'A' });
    const after = engine.order({ clientId: 'A' })!;
    expect([after.status, after.cancelReason, after.remaining.toFixed()]).toEqual(['CLOSED', null, '0']);
    expect(engine.accountSummary().collateral.toFixed()).toBe(fill.fee.neg().plus(8000).toFixed());
  });

  it('rests a passive LIMIT and fills it at its own price with the maker fee once the mark reaches it', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ market: ETH.symbol, side: 'BUY', type: 'LIMIT', size: '1', price: '3250', client_id: 'R' }));
    expect(f.engine.order({ clientId: 'R' })!.status).toBe('OPEN');
    f.moveTo(ETH.symbol, '3250.01');
    expect(f.engine.fills()).toHaveLength(0);
    f.moveTo(ETH.symbol, '3240');
    const [fill] = f.engine.fills();
    expect({ price: fill.price.toFixed(), fee: fill.fee.toFixed(), liquidity: fill.liquidity }).toEqual({ price: '3250', fee: '0.325', liquidity: 'MAKER' });
    expect(f.engine.order({ clientId: 'R' })!.status).toBe('CLOSED');
  });

  it('cancels what an IOC cannot fill with REMAINING_IOC_CANCEL', () => {
    const { engine } = engineFixture();
    accepted(engine.placeOrder({ ...limit('BUY', '0.5', '95000'), instruction: 'IOC', client_id: 'I' }));
    const order = engine.order({ clientId: 'I' })!;
    expect([order.status, order.cancelReason, order.remaining.toFixed()]).toEqual(['CLOSED', 'REMAINING_IOC_CANCEL', '0.5']);
    expect(engine.fills()).toHaveLength(0);
  });

  it('rejects a post-only order that would cross and rests one that would not', () => {
    const { engine } = engineFixture();
    expect(refusal(engine.placeOrder({ ...limit('BUY', '0.1', '95009.5'), instruction: 'POST_ONLY' }))).toBe('POST_ONLY_WOULD_CROSS');
    expect(refusal(engine.placeOrder({ ...limit('SELL', '0.1', '94990.5'), instruction: 'POST_ONLY' }))).toBe('POST_ONLY_WOULD_CROSS');
    accepted(engine.placeOrder({ ...limit('BUY', '0.1', '95009.4'), instruction: 'POST_ONLY', client_id: 'P' }));
    expect(engine.order({ clientId: 'P' })!.status).toBe('OPEN');
    expect(engine.fills()).toHaveLength(0);
  });

  it('realizes PnL and charges both fees over a round trip', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder(market('BUY', '0.5')));
    f.moveTo(BTC.symbol, '96000');
    accepted(f.engine.placeOrder(market('SELL', '0.5')));
    const [, close] = f.engine.fills();
    expect(close.price.toFixed()).toBe('95990.4');
    expect(close.realizedPnl.toFixed()).toBe('490.45');
    // 8000 + 490.45 − 14.251425 − 0.0003 × 95990.4 × 0.5
    expect(f.engine.accountSummary().collateral.toFixed()).toBe('8461.800015');
    const position = f.engine.position(BTC.symbol)!;
    expect([position.size.toFixed(), position.closedAt]).toEqual(['0', f.clock.now()]);
  });

  it('averages the entry price and flips through zero', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder(market('BUY', '0.5')));
    f.moveTo(BTC.symbol, '97000');
    accepted(f.engine.placeOrder(market('BUY', '0.5')));
    // (0.5 × 95009.5 + 0.5 × 97009.7) / 1
    expect(f.engine.position(BTC.symbol)!.averageEntryPrice.toFixed()).toBe('96009.6');
    accepted(f.engine.placeOrder(market('SELL', '1.5')));
    const position = f.engine.position(BTC.symbol)!;
    expect([position.size.toFixed(), position.side, position.averageEntryPrice.toFixed()]).toEqual(['-0.5', 'SHORT', '96990.3']);
  });

  it('rejects an order the account cannot margin', () => {
    const { engine } = engineFixture({ collateral: '1000' });
    // 0.05 × 0.3 × 95000 = 1425 > 1000
    expect(refusal(engine.placeOrder(market('BUY', '0.3')))).toBe('NOT_ENOUGH_MARGIN');
    accepted(engine.placeOrder(market('BUY', '0.2')));
  });

  it.each([
    [{ ...market('BUY', '0.0005') }, 'INVALID_ORDER_SIZE'],
    [{ ...limit('BUY', '0.1', '95000.05') }, 'VALIDATION_ERROR'],
    [{ ...market('BUY', '0.1'), market: 'DOGE-USD-PERP' }, 'MARKET_NOT_FOUND'],
    [{ ...market('BUY', '0.1'), size: 0.1 }, 'VALIDATION_ERROR'],
    [{ ...market('BUY', '0.1'), instruction: 'POST_ONLY' }, 'VALIDATION_ERROR'],
    [{ market: BTC.symbol, side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0.1' }, 'VALIDATION_ERROR'],
  ])('refuses a malformed order %j with %s', (body, code) => {
    expect(refusal(engineFixture().engine.placeOrder(body))).toBe(code);
  });

  it('refuses a client id that is already taken', () => {
    const { engine } = engineFixture();
    accepted(engine.placeOrder({ ...limit('BUY', '0.1', '90000'), client_id: 'X' }));
    expect(refusal(engine.placeOrder({ ...limit('BUY', '0.1', '90000'), client_id: 'X' }))).toBe('DUPLICATED_CLIENT_ID');
  });
});

describe('reduce-only', () => {
  it('refuses a reduce-only order that cannot reduce', () => {
    const { engine } = engineFixture();
    expect(refusal(engine.placeOrder(market('SELL', '0.1', { flags: ['REDUCE_ONLY'] })))).toBe('REDUCE_ONLY_WILL_INCREASE');
    accepted(engine.placeOrder(market('BUY', '0.1')));
    expect(refusal(engine.placeOrder(market('BUY', '0.1', { flags: ['REDUCE_ONLY'] })))).toBe('REDUCE_ONLY_WILL_INCREASE');
  });

  it('fills a reduce-only order larger than the position only up to the position', () => {
    const { engine } = engineFixture();
    accepted(engine.placeOrder(market('BUY', '0.5')));
    accepted(engine.placeOrder(market('SELL', '0.8', { flags: ['REDUCE_ONLY'], client_id: 'R' })));
    expect(engine.fills()[1].size.toFixed()).toBe('0.5');
    expect(engine.position(BTC.symbol)!.size.toFixed()).toBe('0');
    const order = engine.order({ clientId: 'R' })!;
    expect([order.status, order.cancelReason, order.remaining.toFixed()]).toEqual(['CLOSED', 'REDUCE_ONLY_WILL_INCREASE', '0.3']);
  });

  it('cancels a resting reduce-only order once its position is closed', () => {
    const { engine } = engineFixture();
    accepted(engine.placeOrder(market('BUY', '0.5')));
    accepted(engine.placeOrder({ ...limit('SELL', '0.5', '99000'), flags: ['REDUCE_ONLY'], client_id: 'TPL' }));
    accepted(engine.placeOrder(market('SELL', '0.5')));
    const order = engine.order({ clientId: 'TPL' })!;
    expect([order.status, order.cancelReason]).toEqual(['CLOSED', 'REDUCE_ONLY_WILL_INCREASE']);
  });

  it('keeps a resting reduce-only order while the position only shrinks', () => {
    const { engine } = engineFixture();
    accepted(engine.placeOrder(market('BUY', '0.5')));
    accepted(engine.placeOrder({ ...limit('SELL', '0.5', '99000'), flags: ['REDUCE_ONLY'], client_id: 'TPL' }));
    accepted(engine.placeOrder(market('SELL', '0.2')));
    expect(engine.order({ clientId: 'TPL' })!.status).toBe('OPEN');
  });
});
