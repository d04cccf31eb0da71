/**
 * Real Hyperliquid answers (./fixtures/recorded.ts names where each was recorded) read whole:
 * nothing dropped, the numbers as the venue wrote them.
 */
import { describe, expect, it } from 'vitest';
import {
  builderFeeFill, canceledHistorical, CCXT_USER, clearinghouseOldSchema, clearinghouseWithMaintenance, numericSpotFill, oldSchemaFill,
  ownLiquidationFill, spotState, stopLimitOpen, userFundingDocs, userFundingItem,
} from './fixtures/recorded';
import { readClearinghouse, readFill, readFrontendOrder, readFunding, readOrderWithStatus, readSpotBalance } from './parse';
import { adlFill, USER } from './fixtures/payloads';

const OTHER = '0x0000000000000000000000000000000000000001';

describe('Hyperliquid recorded fills', () => {
  it('a 2026 fill with builderFee and twapId, ids as digit strings', () => {
    expect(readFill(builderFeeFill, OTHER)).toMatchObject({
      ok: true, venueAt: 1770458548926, drift: [],
      value: { fillId: '882779857052503', venueOrderId: '314848230306', market: 'HYPE', side: 'BUY', price: '33.209', size: '0.73', fee: '0.012896', fillType: 'FILL', liquidity: 'TAKER', realizedPnl: '0.0' },
    });
  });

  it("the account's own liquidation is a LIQUIDATION; the same fill seen by another address is not", () => {
    expect(readFill(ownLiquidationFill, CCXT_USER)).toMatchObject({ ok: true, value: { fillId: '345752513742025', fillType: 'LIQUIDATION', side: 'SELL', price: '21.147', size: '5.2', realizedPnl: '-46.0356' } });
    expect(readFill(ownLiquidationFill, OTHER)).toMatchObject({ ok: true, value: { fillType: 'FILL' } });
  });

  it('a 2024 fill (liquidationMarkPx, no twapId) reads the same, with no drift', () => {
    expect(readFill(oldSchemaFill, OTHER)).toMatchObject({
      ok: true, drift: [],
      value: { fillId: '566849930446139', clientId: '0x1234567890abcdef1234567890abcdef', market: 'SOL', price: '132.31', size: '0.5', fee: '0.023154', venueAt: 1709643346297 },
    });
  });

  it('in the older schema a liquidation is marked by liquidationMarkPx alone', () => {
    expect(readFill({ ...oldSchemaFill, liquidationMarkPx: '131.9' }, OTHER)).toMatchObject({ ok: true, value: { fillType: 'LIQUIDATION' } });
    expect(readFill(oldSchemaFill, OTHER)).toMatchObject({ ok: true, value: { fillType: 'FILL' } });
  });

  it('numbers written as numbers give the same ids as digit strings', () => {
    expect(readFill(numericSpotFill, OTHER)).toMatchObject({ ok: true, value: { fillId: '1107801776196793', venueOrderId: '13981880088', price: '0.9641', size: '49.0' } });
  });

  it('a fill without tid gets an id derived from hash, oid, time, px and sz — the same every time — and says so', () => {
    const { tid: _tid, ...noTid } = builderFeeFill;
    const first = readFill(noTid, OTHER);
    const again = readFill({ ...noTid }, OTHER);
    const otherSize = readFill({ ...noTid, sz: '0.74' }, OTHER);
    expect(first).toMatchObject({ ok: true, value: { fillIdDerived: 'hash(hash,oid,time,px,sz)', price: '33.209', size: '0.73' } });
    expect(first.ok && first.value.fillId).toMatch(/^derived:[0-9a-f]{32}$/);
    expect(again.ok && again.value.fillId).toBe(first.ok && first.value.fillId);
    expect(otherSize.ok && otherSize.value.fillId).not.toBe(first.ok && first.value.fillId);
    expect(first.drift).toEqual([{ message: 'hyperliquid fill', field: 'tid', change: 'missing' }]);
  });

  it('Auto-Deleveraging against someone else\'s liquidation is DELEVERAGE; against our own it is our LIQUIDATION', () => {
    expect(readFill(adlFill, USER)).toMatchObject({ ok: true, value: { fillType: 'DELEVERAGE', price: '22.075', size: '28.53', fillId: '771334864158847' } });
    expect(readFill({ ...adlFill, liquidation: { ...adlFill.liquidation, liquidatedUser: USER } }, USER)).toMatchObject({ ok: true, value: { fillType: 'LIQUIDATION' } });
  });
});

describe('Hyperliquid recorded clearinghouseState', () => {
  it('the current schema: account, maintenance and both positions', () => {
    const state = readClearinghouse(clearinghouseWithMaintenance, CCXT_USER);
    expect(state).toMatchObject({
      ok: true, venueAt: 1728568314070,
      value: { account: { accountValue: '11524.216934', freeCollateral: '11292.922399', maintenanceMarginRequirement: '38.8818', marginCushion: '11485.335134', status: 'ACTIVE' } },
    });
    const positions = state.ok ? state.value.positions.map((p) => p.ok && [p.value.market, p.value.size, p.value.side, p.value.averageEntryPrice, p.value.liquidationPrice]) : [];
    expect(positions).toEqual([['SOL', '-0.5', 'SHORT', '138.76', '22881.19788911'], ['ETH', '1.6', 'LONG', '1100.0', null]]);
  });

  it('the older schema without crossMaintenanceMarginUsed and time: the account and every position are still read', () => {
    const state = readClearinghouse(clearinghouseOldSchema, CCXT_USER);
    expect(state).toMatchObject({
      ok: true, venueAt: null,
      value: { account: { accountValue: '11524.216934', maintenanceMarginRequirement: null, marginCushion: null, venueAt: null } },
    });
    expect(state.ok && state.value.positions.map((p) => p.ok && p.value.size)).toEqual(['-0.5', '1.6']);
    expect(state.drift).toEqual([
      { message: 'hyperliquid clearinghouseState', field: 'crossMaintenanceMarginUsed', change: 'missing' },
      { message: 'hyperliquid clearinghouseState', field: 'time', change: 'missing' },
    ]);
  });

  it('one unreadable position leaves the account and the other position read', () => {
    const broken = { ...clearinghouseWithMaintenance, assetPositions: [{ type: 'oneWay', position: { coin: 'SOL' } }, clearinghouseWithMaintenance.assetPositions[1]] };
    const state = readClearinghouse(broken, CCXT_USER);
    expect(state.ok && state.value.account.accountValue).toBe('11524.216934');
    expect(state.ok && state.value.positions.map((p) => (p.ok ? p.value.market : p.problem))).toEqual([expect.stringContaining('position.szi'), 'ETH']);
  });
});

describe('Hyperliquid recorded orders, balances and funding', () => {
  it('a cancelled historical order with digit-string ids and times', () => {
    expect(readOrderWithStatus(canceledHistorical, () => undefined)).toMatchObject({
      ok: true, venueAt: 1771402034835,
      value: { venueOrderId: '323550506865', status: 'CLOSED', cancelReason: 'USER_CANCELED', size: '1.0', price: '40.0', instruction: 'GTC' },
    });
  });

  it('a resting Stop Limit without a time in force', () => {
    expect(readFrontendOrder(stopLimitOpen)).toMatchObject({
      ok: true, value: { venueOrderId: '8670685324', type: 'STOP_LIMIT', status: 'UNTRIGGERED', triggerPrice: '0.6', price: '0.4', size: '40.0', instruction: null },
    });
    expect(readFrontendOrder({ ...stopLimitOpen, orderType: 'Scale' })).toMatchObject({ ok: true, value: { type: 'STOP_LIMIT', flags: ['Price above 0.6', 'Scale'] } });
  });

  it('spot balances', () => {
    expect(spotState.balances.map((b) => readSpotBalance(b)).map((b) => b.ok && [b.value.asset, b.value.size])).toEqual([['USDC', '1.2908594'], ['HYPE', '4.43762752']]);
  });

  it('funding payments, new (nSamples) and old schema, signed as paid', () => {
    expect(readFunding(userFundingItem)).toMatchObject({
      ok: true, drift: [], venueAt: 1762387200000,
      value: { market: 'BTC', amount: '-14.391152', rate: '0.0000106497', positionSize: '0.54353', idDerived: 'hash(time,coin,usdc,szi)' },
    });
    expect(readFunding(userFundingDocs)).toMatchObject({ ok: true, value: { market: 'ETH', amount: '-3.625312', rate: '0.0000417', positionSize: '49.1477', venueAt: 1681222254710 } });
    const a = readFunding(userFundingItem);
    const b = readFunding(JSON.parse(JSON.stringify(userFundingItem)));
    expect(a.ok && a.value.id).toBe(b.ok && b.value.id);
  });
});
