import { describe, expect, it } from 'vitest';
import type { VenueOrder } from '../venues/port';
import { TriggerWatch } from './trigger-watch';

const order = (over: Partial<VenueOrder>): VenueOrder => ({
  venueOrderId: 'v1', clientId: 'SL1', market: 'BTC-USD-PERP', side: 'SELL', type: 'STOP_LOSS_MARKET', status: 'UNTRIGGERED', instruction: 'GTC',
  size: '0.1', remainingSize: '0.1', price: null, triggerPrice: '94000', avgFillPrice: null, flags: [], cancelReason: null, venueAt: null, ...over,
});

describe('TriggerWatch', () => {
  it('flags a sell stop that filled although the reference never fell to its trigger', () => {
    const watch = new TriggerWatch();
    watch.onOrder(order({}));
    watch.onReference('BTC-USD-PERP', '95000');
    watch.onReference('BTC-USD-PERP', '94500');
    // The venue reports the closure before the fill: the order is still judged.
    watch.onOrder(order({ status: 'CLOSED' }));
    expect(watch.judgeFill('SL1', '94800')).toEqual({ clientId: 'SL1', trigger: '94000', nearest: '94500' });
  });

  it('accepts a stop whose trigger the reference did reach', () => {
    const watch = new TriggerWatch();
    watch.onOrder(order({}));
    watch.onReference('BTC-USD-PERP', '93999.9');
    expect(watch.judgeFill('SL1', '94100')).toBeNull();
  });

  it.each([
    ['SELL', 'TAKE_PROFIT_MARKET', '99000', '98000', { nearest: '98000' }],
    ['SELL', 'TAKE_PROFIT_MARKET', '99000', '99000', null],
    ['BUY', 'STOP_LOSS_MARKET', '96000', '95500', { nearest: '95500' }],
    ['BUY', 'TAKE_PROFIT_MARKET', '90000', '90000', null],
  ] as const)('%s %s at %s with the reference at %s', (side, type, trigger, reference, expected) => {
    const watch = new TriggerWatch();
    watch.onOrder(order({ side, type, triggerPrice: trigger }));
    watch.onReference('BTC-USD-PERP', reference);
    const verdict = watch.judgeFill('SL1', null);
    if (expected === null) expect(verdict).toBeNull();
    else expect(verdict).toMatchObject(expected);
  });

  it('ignores orders it never saw and other markets', () => {
    const watch = new TriggerWatch();
    watch.onOrder(order({}));
    watch.onReference('ETH-USD-PERP', '1');
    expect(watch.judgeFill('nobody', '1')).toBeNull();
    expect(watch.judgeFill('SL1', null)).toBeNull();
  });
});

describe('TriggerWatch with references that are no price', () => {
  it.each(['0', '-94000'])('a reference of %s does not count as having reached a sell stop', (bad) => {
    const watch = new TriggerWatch();
    watch.onOrder(order({}));
    watch.onReference('BTC-USD-PERP', '95000');
    watch.onReference('BTC-USD-PERP', bad);
    expect(watch.judgeFill('SL1', bad)).toEqual({ clientId: 'SL1', trigger: '94000', nearest: '95000' });
  });

  it('a stop filled at a venue mark of 0 while the reference stood still is unexpected', () => {
    const watch = new TriggerWatch();
    watch.onOrder(order({}));
    watch.onReference('BTC-USD-PERP', '95000');
    expect(watch.judgeFill('SL1', '95010')).toEqual({ clientId: 'SL1', trigger: '94000', nearest: '95000' });
  });
});
