import { describe, expect, it } from 'vitest';
import { checkPriceBand, type BandOrder, type ReferenceQuote, type VenueState } from './price-band';
import { defaultRiskSettings, type MarketRiskSettings } from './risk-settings';

const BTC = 'BTC-USD-PERP';
const settings: MarketRiskSettings = { ...defaultRiskSettings(BTC), band: '0.005', degradedBand: '0.0005', maxNotional: '500000', maxSize: '5' };
const ref = (price: string | null, fresh = 3): ReferenceQuote => ({ price, fresh, total: 3, reason: price === null ? `${fresh} of 3 sources fresh` : null });
const venue = (over: Partial<VenueState> = {}): VenueState => ({ status: 'ok', reopenedAt: null, mark: '100000', now: 1_000_000, ...over });
const limit = (side: 'BUY' | 'SELL', price: string, over: Partial<BandOrder> = {}): BandOrder => ({ market: BTC, side, type: 'LIMIT', size: '0.1', price, reduceOnly: false, ...over });

describe('price band: boundaries in normal trading (±0.5 % around 100000)', () => {
  it.each([
    ['BUY', '100500', true],
    ['BUY', '100500.1', false],
    ['SELL', '99500', true],
    ['SELL', '99499.9', false],
    // Passive orders far from the market are fine.
    ['BUY', '50000', true],
    ['SELL', '200000', true],
  ] as const)('%s limit at %s → allowed %s', (side, price, allowed) => {
    const decision = checkPriceBand(limit(side, price), ref('100000'), venue(), settings, '0.1');
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) {
      expect(decision.code).toBe('OUTSIDE_BAND');
      expect(decision.reason).toContain('0.5 %');
    }
  });
});

describe('market orders become limit-IOC at the band edge', () => {
  it('rounds the buy edge down and the sell edge up to the tick', () => {
    const buy = checkPriceBand({ market: BTC, side: 'BUY', type: 'MARKET', size: '0.1', reduceOnly: false }, ref('95012.34'), venue({ mark: '95012' }), settings, '0.1');
    const sell = checkPriceBand({ market: BTC, side: 'SELL', type: 'MARKET', size: '0.1', reduceOnly: false }, ref('95012.34'), venue({ mark: '95012' }), settings, '0.1');
    // 95012.34 × 1.005 = 95487.4017 → 95487.4; × 0.995 = 94537.2783 → 94537.3
    expect(buy).toMatchObject({ allowed: true, sendPrice: '95487.4' });
    expect(sell).toMatchObject({ allowed: true, sendPrice: '94537.3' });
  });
});

describe('stale and partial references', () => {
  it('blocks a risk-increasing order without a quorum, naming why', () => {
    const decision = checkPriceBand(limit('BUY', '99000'), ref(null, 1), venue(), settings, '0.1');
    expect(decision).toMatchObject({ allowed: false, code: 'NO_REFERENCE' });
    expect(!decision.allowed && decision.reason).toContain('no independent price (1 of 3 sources fresh)');
  });
  it('still lets a reduce-only close go without a reference', () => {
    expect(checkPriceBand(limit('SELL', '90000', { reduceOnly: true }), ref(null, 0), venue(), settings, '0.1').allowed).toBe(true);
    expect(checkPriceBand({ market: BTC, side: 'SELL', type: 'MARKET', size: '0.1', reduceOnly: true }, ref(null, 0), venue(), settings, '0.1')).toMatchObject({ allowed: true, sendPrice: null });
  });
});

describe('degraded tightening', () => {
  it.each(['post_only', 'cancel_only'] as const)('tightens to 5 bps in %s', (status) => {
    expect(checkPriceBand(limit('BUY', '100005'), ref('100000'), venue({ status }), settings, '0.1')).toMatchObject({ allowed: true, degraded: true });
    const blocked = checkPriceBand(limit('BUY', '100060'), ref('100000'), venue({ status }), settings, '0.1');
    expect(blocked).toMatchObject({ allowed: false, code: 'OUTSIDE_BAND', degraded: true });
    expect(!blocked.allowed && blocked.reason).toContain('tightened');
  });
  it('stays tight within the reopen window and relaxes after it', () => {
    const order = limit('BUY', '100060');
    expect(checkPriceBand(order, ref('100000'), venue({ reopenedAt: 1_000_000 - 60_000 }), settings, '0.1').allowed).toBe(false);
    expect(checkPriceBand(order, ref('100000'), venue({ reopenedAt: 1_000_000 - settings.reopenWindowMs }), settings, '0.1').allowed).toBe(true);
  });
});

describe('divergence of the venue mark from the reference', () => {
  it('blocks risk-increasing orders beyond 2 %, even passive ones', () => {
    const decision = checkPriceBand(limit('BUY', '84000'), ref('95600'), venue({ mark: '81000', status: 'post_only' }), settings, '0.1');
    expect(decision).toMatchObject({ allowed: false, code: 'PRICE_DIVERGENCE' });
    expect(!decision.allowed && decision.reason).toContain('81000');
  });
  it('allows at exactly 2 % and lets reduce-only orders through beyond it', () => {
    expect(checkPriceBand(limit('BUY', '99000'), ref('100000'), venue({ mark: '102000' }), settings, '0.1').allowed).toBe(true);
    expect(checkPriceBand(limit('SELL', '99600', { reduceOnly: true }), ref('100000'), venue({ mark: '110000' }), settings, '0.1').allowed).toBe(true);
  });
});

describe('fat-finger caps', () => {
  it('blocks size above the cap and notional above the cap', () => {
    expect(checkPriceBand(limit('BUY', '99000', { size: '5.001' }), ref('100000'), venue(), settings, '0.1')).toMatchObject({ allowed: false, code: 'SIZE_CAP' });
    expect(checkPriceBand(limit('BUY', '99000', { size: '5' }), ref('100000'), venue(), { ...settings, maxNotional: '400000' }, '0.1')).toMatchObject({ allowed: false, code: 'NOTIONAL_CAP' });
  });
  it('rejects nonsense sizes and prices', () => {
    expect(checkPriceBand(limit('BUY', '99000', { size: '0' }), ref('100000'), venue(), settings, '0.1')).toMatchObject({ code: 'INVALID_ORDER' });
    expect(checkPriceBand(limit('BUY', '-1'), ref('100000'), venue(), settings, '0.1')).toMatchObject({ code: 'INVALID_ORDER' });
  });
});

describe('marks of 0, below 0 or absurd, and references that measure nothing', () => {
  const market = (over: Partial<BandOrder> = {}): BandOrder => ({ market: BTC, side: 'BUY', type: 'MARKET', size: '0.1', reduceOnly: false, ...over });
  const readable = (text: string) => expect(text).not.toMatch(/NaN|Infinity/);

  it.each([
    ['0', '100 %'],
    ['-5', '100.005 %'],
    ['1e12', '999999900 %'],
  ])('a venue mark of %s diverges (%s) and blocks risk-increasing orders, but a reduce-only close goes', (mark, gap) => {
    const blocked = checkPriceBand(market(), ref('100000'), venue({ mark }), settings, '0.1');
    expect(blocked).toMatchObject({ allowed: false, code: 'PRICE_DIVERGENCE' });
    if (!blocked.allowed) {
      expect(blocked.reason).toContain(gap);
      readable(blocked.reason);
    }
    expect(checkPriceBand(market({ side: 'SELL', reduceOnly: true }), ref('100000'), venue({ mark }), settings, '0.1')).toMatchObject({ allowed: true, sendPrice: '99500' });
  });

  it('a missing mark is not checked; the band still applies', () => {
    expect(checkPriceBand(market(), ref('100000'), venue({ mark: null }), settings, '0.1')).toMatchObject({ allowed: true, sendPrice: '100500' });
  });

  it.each(['0', '-1'])('a reference of %s counts as no independent price: risk is blocked, reduce-only goes', (price) => {
    const blocked = checkPriceBand(market(), ref(price), venue({ mark: '0' }), settings, '0.1');
    expect(blocked).toMatchObject({ allowed: false, code: 'NO_REFERENCE' });
    if (!blocked.allowed) {
      expect(blocked.reason).toContain(`median ${price} is not a usable price`);
      readable(blocked.reason);
    }
    const close = checkPriceBand(limit('SELL', '99000', { reduceOnly: true }), ref(price), venue({ mark: '0' }), settings, '0.1');
    expect(close).toMatchObject({ allowed: true, sendPrice: '99000' });
  });
});
