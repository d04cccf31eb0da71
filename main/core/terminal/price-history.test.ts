import { describe, expect, it } from 'vitest';
import { PriceHistory } from './price-history';

describe('PriceHistory', () => {
  it('joins the latest mark with the latest reference', () => {
    const history = new PriceHistory();
    history.record('BTC-USD-PERP', 1, { mark: '95000.1' });
    const tick = history.record('BTC-USD-PERP', 2, { reference: '95001' });
    expect(tick).toEqual({ market: 'BTC-USD-PERP', at: 2, mark: '95000.1', reference: '95001' });
    expect(history.latestMark('BTC-USD-PERP')).toBe('95000.1');
  });

  it('keeps only the most recent ticks per market', () => {
    const history = new PriceHistory(3);
    for (let i = 0; i < 5; i++) history.record('ETH-USD-PERP', i, { mark: String(3300 + i) });
    expect(history.recent('ETH-USD-PERP', 10).map((t) => t.mark)).toEqual(['3302', '3303', '3304']);
    expect(history.recent('ETH-USD-PERP', 2).map((t) => t.at)).toEqual([3, 4]);
    expect(history.recent('BTC-USD-PERP', 2)).toEqual([]);
  });

  it('a reference that loses its quorum is shown as missing, not as the last value', () => {
    const history = new PriceHistory();
    history.record('BTC-USD-PERP', 1, { mark: '95000', reference: '95000' });
    expect(history.record('BTC-USD-PERP', 2, { reference: null }).reference).toBeNull();
  });
});
