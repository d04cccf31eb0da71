/**
 * Real dYdX indexer messages (./fixtures/recorded.ts names where each was recorded) read whole:
 * nothing dropped, the numbers as the indexer wrote them.
 */
import { describe, expect, it } from 'vitest';
import { canceledOrder, channelDataFilled, fundingPayment, shortBtcPosition, subaccount } from './fixtures/recorded';
import { readAssetBalance, readFill, readFundingPayment, readOrder, readPosition } from './parse';
import { DriftNotices } from '../common/drift';
import { DydxStream } from './stream';
import type { VenueEvent } from '../port';
import { readAccount } from './queries';

describe('dYdX recorded messages', () => {
  it('the documented channel_data fill has no fee: read with fee 0, the default named, the missing field a drift', () => {
    const [fill] = channelDataFilled.contents.fills;
    expect(readFill(fill, () => '320611130')).toMatchObject({
      ok: true, venueAt: Date.parse('2023-04-04T19:09:24.869Z'),
      value: {
        fillId: 'c5030bd3-cd85-5046-8f2a-518bbba6ec45', venueOrderId: '64fe30a2-006d-5108-a156-cb0c8443546c', clientId: '320611130',
        market: 'ETH-USD', side: 'BUY', liquidity: 'TAKER', fillType: 'FILL', price: '1854.25', size: '1', fee: '0', defaults: ['fee'],
      },
      drift: [{ message: 'dydx fill', field: 'fee', change: 'missing' }],
    });
  });

  it('the whole channel_data frame yields the order and the fill, and the drift once', () => {
    const events: VenueEvent[] = [];
    const drifts = new DriftNotices();
    const stream = new DydxStream({ markets: [], fetchOrder: () => Promise.resolve({ ok: false, reason: 'not asked' }), emit: (e) => events.push(e), drifts });
    const raw = JSON.stringify(channelDataFilled);
    events.push(...stream.read(raw, 1).events);
    events.push(...stream.read(raw, 2).events);
    expect(events.filter((e) => e.kind === 'malformed')).toEqual([]);
    expect(events.filter((e) => e.kind === 'schema_drift')).toEqual([
      expect.objectContaining({ source: 'ws', message: 'dydx fill', field: 'fee', change: 'missing', raw }),
    ]);
    const order = events.find((e) => e.kind === 'order');
    expect(order?.kind === 'order' && order.order).toMatchObject({ venueOrderId: '64fe30a2-006d-5108-a156-cb0c8443546c', status: 'CLOSED', remainingSize: '0', instruction: 'IOC', price: '1948.65' });
    expect(events.filter((e) => e.kind === 'fill')).toHaveLength(2);
  });

  it('a cancelled REST order', () => {
    expect(readOrder(canceledOrder)).toMatchObject({
      ok: true, venueAt: Date.parse('2025-02-26T09:01:29.102Z'),
      value: { venueOrderId: '66390c15-ebad-53f8-86ad-99b3dfedbc85', clientId: '2116631218', status: 'CLOSED', size: '0.001', remainingSize: '0.001', price: '2000', cancelReason: 'CANCELED (no removal reason over REST)' },
    });
  });

  it('order types and times in force the port has no word for are kept (HARD_TRADE is in the websocket doc\'s OrderType)', () => {
    expect(readOrder({ ...canceledOrder, type: 'HARD_TRADE', timeInForce: 'GTX' })).toMatchObject({
      ok: true, value: { type: 'LIMIT', instruction: 'GTX', flags: ['HARD_TRADE', 'ORDER_FLAGS_64'] },
    });
  });

  it('a short position, its long decimals kept verbatim', () => {
    expect(readPosition(shortBtcPosition)).toMatchObject({
      ok: true, value: { market: 'BTC-USD', side: 'SHORT', size: '-0.407', averageEntryPrice: '118692.04840909090909090909', realizedPnl: '476.42665909090909090909088', unrealizedPnl: '-57.26681734000000000000037' },
    });
  });

  it("the subaccount's USDC balance", () => {
    expect(Object.values(subaccount.assetPositions).map((a) => readAssetBalance(a))).toEqual([{ ok: true, venueAt: null, value: { asset: 'USDC', size: '82291.083758', venueAt: null } }]);
  });

  it('a funding payment: signed position size, rate, payment, and an id derived from market, height and time', () => {
    const read = readFundingPayment(fundingPayment);
    expect(read).toMatchObject({
      ok: true, drift: [], venueAt: Date.parse('2025-07-29T05:00:01.053Z'),
      value: { market: 'BTC-USD', amount: '-0.578', rate: '-0.000012', positionSize: '-0.407', idDerived: 'hash(ticker,createdAtHeight,createdAt)' },
    });
    const later = readFundingPayment({ ...fundingPayment, createdAtHeight: '45104017', createdAt: '2025-07-29T06:00:01.053Z' });
    expect(later.ok && later.value.id).not.toBe(read.ok && read.value.id);
  });

  it('the recorded subaccount: maintenance from the oracle; a position it cannot price leaves the rest read and maintenance unknown', () => {
    const answer = { ok: true as const, json: { subaccount }, raw: JSON.stringify({ subaccount }) };
    const btc = { ticker: 'BTC-USD', status: 'ACTIVE' as const, oraclePrice: '118700.5426', tickSize: '1', stepSize: '0.0001', maintenanceMarginFraction: '0.012' };
    expect(readAccount(answer, new Map([['BTC-USD', btc]]))).toMatchObject({
      ok: true,
      value: {
        problems: [],
        account: { accountValue: '25346.73993597', freeCollateral: '24207.8530595294', maintenanceMarginRequirement: '699.3835969992', status: 'ACTIVE' },
      },
    });
    expect(readAccount(answer, new Map())).toMatchObject({
      ok: true,
      value: {
        problems: ['subaccount: no oracle price for BTC-USD'],
        account: { accountValue: '25346.73993597', freeCollateral: '24207.8530595294', maintenanceMarginRequirement: null, marginCushion: null },
      },
    });
  });
});
