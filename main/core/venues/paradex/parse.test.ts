import { describe, expect, it } from 'vitest';
import {
  account, btcMarket, closedOrder, liquidationFill, longPosition, makerFill, marketSummary, tradeBust, untriggeredOrder,
} from './fixtures/rest-payloads';
import {
  readAccount, readFill, readMarket, readMarketSummary, readOrder, readPosition, readSystemState, readTradeBust,
} from './parse';

describe('Paradex payload readers', () => {
  it('reads the documented OrderResp example, keeping decimals verbatim', () => {
    const parsed = readOrder(closedOrder);
    expect(parsed).toEqual({
      ok: true,
      venueAt: 1681493746100,
      drift: [],
      value: {
        venueOrderId: '1681462103821101699438490000', clientId: 'x1234', market: 'BTC-USD-PERP', side: 'BUY',
        type: 'LIMIT', status: 'CLOSED', instruction: 'POST_ONLY', size: '0.05', remainingSize: '0.05', price: '26000',
        triggerPrice: null, avgFillPrice: null, flags: ['REDUCE_ONLY'], cancelReason: 'NOT_ENOUGH_MARGIN',
        venueAt: 1681493746100,
      },
    });
  });

  it('reads a trigger order: empty strings are "none", unknown-but-documented flags pass through', () => {
    const parsed = readOrder(untriggeredOrder);
    expect(parsed.ok && parsed.value).toMatchObject({
      status: 'UNTRIGGERED', type: 'TAKE_PROFIT_MARKET', triggerPrice: '98000', price: '0', avgFillPrice: null,
      cancelReason: null, flags: ['REDUCE_ONLY', 'STOP_CONDITION_ABOVE_TRIGGER'],
    });
  });

  it.each([
    ['status', { ...closedOrder, status: 'FILLED' }, 'status'],
    ['side', { ...closedOrder, side: 'LONG' }, 'side'],
    ['size as number', { ...closedOrder, size: 0.05 }, 'size'],
    ['price not decimal', { ...closedOrder, price: '26k' }, 'price'],
    ['missing id', { ...closedOrder, id: undefined }, 'id'],
  ])('refuses an order with a bad %s and names the field', (_what, input, field) => {
    const parsed = readOrder(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(field);
  });

  it('keeps an order type the port has no word for in flags, beside the nearest port type', () => {
    expect(readOrder({ ...closedOrder, type: 'TWAP' })).toMatchObject({ ok: true, value: { type: 'LIMIT', flags: ['REDUCE_ONLY', 'TWAP'] } });
  });

  it('reads fills, flagging liquidations by fill_type', () => {
    expect(readFill(liquidationFill)).toMatchObject({
      ok: true,
      venueAt: 1700000000000,
      value: {
        fillId: '8615262148007718462', venueOrderId: '1681462103821101699438490002', clientId: null,
        fillType: 'LIQUIDATION', liquidity: 'TAKER', side: 'SELL', price: '3310.2', size: '0.6', fee: '0',
        realizedPnl: '-212.4',
      },
    });
    expect(readFill(makerFill)).toMatchObject({ ok: true, value: { clientId: 'x1234', liquidity: 'MAKER', feeCurrency: 'USDC' } });
    // An unknown fill type is kept as it came, never refused; an unknown liquidity word still is.
    expect(readFill({ ...makerFill, fill_type: 'ADL' })).toMatchObject({ ok: true, value: { fillType: 'ADL' } });
    expect(readFill({ ...makerFill, liquidity: 'BOTH' }).ok).toBe(false);
  });

  it('reads positions, accounts and trade busts', () => {
    expect(readPosition(longPosition)).toMatchObject({
      ok: true,
      venueAt: 1768795211000,
      value: { market: 'BTC-USD-PERP', side: 'LONG', size: '0.5', status: 'OPEN', averageEntryPrice: '95000.1', liquidationPrice: '61234.5' },
    });
    expect(readAccount(account)).toMatchObject({ ok: true, value: { status: 'ACTIVE', accountValue: '20012.5', maintenanceMarginRequirement: '1425' } });
    expect(readAccount({ ...account, status: 'LIQUIDATION' })).toMatchObject({ ok: true, value: { status: 'LIQUIDATION' } });
    expect(readAccount({ ...account, status: 'RESYNC' }).ok).toBe(false);
    expect(readTradeBust(tradeBust)).toEqual({
      ok: true,
      venueAt: 1768795300000,
      drift: [],
      value: { account: '0x5137d0c0ffee', bustedFillId: '8615262148007718463', venueAt: 1768795300000 },
    });
  });

  it('reads markets_summary: underlying_price is the index', () => {
    expect(readMarketSummary(marketSummary)).toEqual({
      ok: true,
      venueAt: 1681493939981,
      value: {
        market: 'BTC-USD-PERP', markPrice: '29799.70877478', indexPrice: '29876.3', lastTradedPrice: '30109.53',
        externalFairPrice: '29876.3',
      },
    });
    expect(readMarket(btcMarket)).toMatchObject({ ok: true, value: { tickSize: '0.1', stepSize: '0.001', minNotional: '10' } });
  });

  it.each([
    ['ok', 'ok'], ['maintenance', 'maintenance'], ['CANCEL_ONLY', 'cancel_only'], ['Post_Only', 'post_only'],
  ])('matches system status %s case-insensitively', (input, expected) => {
    expect(readSystemState({ status: input })).toEqual({ ok: true, value: expected, venueAt: null });
  });

  it('refuses an unknown system status', () => {
    expect(readSystemState({ status: 'halted' })).toMatchObject({ ok: false });
  });
});
