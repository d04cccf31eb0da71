import { describe, expect, it } from 'vitest';
import { fillLoss } from './build-claim';

describe('fillLoss', () => {
  it('closing a long below the independent price: the gap times the size plus the fee', () => {
    expect(fillLoss('SELL', '81000', '95600', '0.5', '202.5').toString()).toBe('7502.5');
  });
  it('closing a short above the independent price', () => {
    expect(fillLoss('BUY', '3400.25', '3300.05', '2', '1.1').toString()).toBe('201.5');
  });
  it('is exact in decimals', () => {
    expect(fillLoss('SELL', '0.3', '0.4', '3', '0.000001').toString()).toBe('0.300001');
  });
});

describe('matchRefund', () => {
  it('matches a refund the balance grew by, and names a shortfall', async () => {
    const { matchRefund } = await import('./claim-book');
    expect(matchRefund('7502.5', '476.4', '7978.9')).toEqual({ balanceChange: '7502.5', matched: true });
    expect(matchRefund('7502.5', '476.4', '5000')).toEqual({ balanceChange: '4523.6', matched: false });
  });
});
