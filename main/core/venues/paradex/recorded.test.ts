/**
 * Real Paradex answers (./fixtures/recorded.ts names where each was recorded) read whole, beside
 * the documented shapes of ./fixtures/rest-payloads.ts: the two schemas of the same message agree.
 */
import { describe, expect, it } from 'vitest';
import { balanceAnswer, fundingPayment, historyOrder, openPosition } from './fixtures/recorded';
import { closedOrder, longPosition } from './fixtures/rest-payloads';
import { readBalance, readFundingPayment, readOrder, readPosition } from './parse';

describe('Paradex recorded answers', () => {
  it('order history as the real API writes it: instruction "", client_id "", times as digit strings', () => {
    expect(readOrder(historyOrder)).toMatchObject({
      ok: true, venueAt: 1721903808521, drift: [],
      value: {
        venueOrderId: '1721903808500201709220290000', clientId: null, market: 'SOL-USD-PERP', side: 'BUY', type: 'LIMIT', status: 'CLOSED',
        instruction: null, size: '0.3', remainingSize: '0.3', price: '50', avgFillPrice: null, cancelReason: 'ORDER_SIZE_BELOW_MIN',
      },
    });
  });

  it('the documented order and the recorded one read to the same fields', () => {
    const documented = readOrder(closedOrder);
    const recorded = readOrder(historyOrder);
    expect(documented.ok && Object.keys(documented.value).sort()).toEqual(recorded.ok && Object.keys(recorded.value).sort());
  });

  it('a recorded position: realized_pnl is read, an empty liquidation price is none', () => {
    expect(readPosition(openPosition)).toMatchObject({
      ok: true, venueAt: 1722426261489,
      value: { market: 'SOL-USD-PERP', side: 'LONG', size: '3', status: 'OPEN', averageEntryPrice: '183.06499451', unrealizedPnl: '-2.84428356', realizedPnl: '0', liquidationPrice: null },
    });
  });

  it('the documented position names realized_positional_pnl: read as well', () => {
    expect(readPosition({ ...longPosition, realized_positional_pnl: '12.5' })).toMatchObject({ ok: true, value: { realizedPnl: '12.5' } });
  });

  it('the balance', () => {
    expect(balanceAnswer.results.map((b) => readBalance(b))).toEqual([{ ok: true, venueAt: 1721828383887, drift: [], value: { asset: 'USDC', size: '78.544', venueAt: 1721828383887 } }]);
  });

  it('a funding payment, signed as the venue writes it', () => {
    expect(readFundingPayment(fundingPayment)).toEqual({
      ok: true, venueAt: 1722427200000, drift: [],
      value: { id: '1722427200000201703986560001', market: 'SOL-USD-PERP', amount: '-0.01283411', rate: null, positionSize: null, venueAt: 1722427200000 },
    });
  });
});
