import { describe, expect, it } from 'vitest';
import { judgeLiquidation, type HeldPosition } from './liquidation-check';

const long: HeldPosition = { market: 'BTC-USD-PERP', size: '0.5', entryPrice: '95000' };
const mmf = () => '0.03';

describe('judgeLiquidation', () => {
  it('finds a liquidation at a venue mark of 0 unexpected when the account stood well above maintenance at the reference', () => {
    // The venue's mark (0 here) never enters: 10000 + (94000 − 95000) × 0.5 = 9500 ≥ 0.03 × 0.5 × 94000 = 1410.
    expect(judgeLiquidation('10000', [long], () => '94000', mmf)).toEqual({ verdict: 'unexpected', equity: '9500', requirement: '1410' });
  });

  it('finds a liquidation consistent when the reference itself put the account under maintenance', () => {
    expect(judgeLiquidation('1000', [long], () => '93000', mmf)).toMatchObject({ verdict: 'consistent' });
  });

  it.each([
    ['0', 'no usable independent price for BTC-USD-PERP (0)'],
    ['-93000', 'no usable independent price for BTC-USD-PERP (-93000)'],
    [null, 'no fresh independent price for BTC-USD-PERP'],
  ])('a reference of %s leaves it unverifiable instead of judging against it', (reference, missing) => {
    expect(judgeLiquidation('10000', [long], () => reference, mmf)).toEqual({ verdict: 'unverifiable', missing });
  });

  it('says what is missing rather than throwing on unreadable account or position figures', () => {
    expect(judgeLiquidation('', [long], () => '94000', mmf)).toMatchObject({ verdict: 'unverifiable' });
    expect(judgeLiquidation('10000', [{ ...long, entryPrice: 'n/a' }], () => '94000', mmf)).toMatchObject({ verdict: 'unverifiable' });
    expect(judgeLiquidation('10000', [long], () => '94000', () => null)).toMatchObject({ verdict: 'unverifiable' });
  });
});
