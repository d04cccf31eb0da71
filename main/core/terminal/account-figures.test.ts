import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { PositionView } from '../../../shared/snapshot';
import type { VenueAccount } from '../venues/port';
import { accountView, liquidationAtReference, positionViews, type FigureInputs, type MarketTerms } from './account-figures';
import { classifyLinkFailure } from '../venues/link-problem';
import { shortReason, ticketFigures } from './ticket-figures';

const BTC: MarketTerms = { symbol: 'BTC-USD-PERP', tickSize: '0.1', stepSize: '0.001', minNotional: null, maintenanceMargin: '0.03', initialMargin: '0.05', makerFee: '0', takerFee: '0.0003' };
const ETH: MarketTerms = { ...BTC, symbol: 'ETH-USD-PERP', maintenanceMargin: '0.05' };
const account = (value: string, collateral: string, initial = '0'): VenueAccount => ({
  account: '0x1', accountValue: value, totalCollateral: collateral, freeCollateral: new Decimal(value).minus(initial).toString(),
  initialMarginRequirement: initial, maintenanceMarginRequirement: '0', marginCushion: null, status: 'ACTIVE', venueAt: 1,
});

function inputs(positions: PositionView[], acct: VenueAccount | null, marks: Record<string, string>, refs: Record<string, string>): FigureInputs {
  return {
    account: acct, currency: 'USDC', positions,
    mark: (m) => marks[m] ?? null, reference: (m) => refs[m] ?? null, market: (s) => [BTC, ETH].find((m) => m.symbol === s),
  };
}

describe('account figures', () => {
  // The simulator's worked example (sim/liquidation.test.ts): 0.5 BTC long at 95009.5 on 8000 less a 14.251425 fee.
  const long: PositionView = { market: BTC.symbol, size: '0.5', entryPrice: '95009.5', unrealizedPnl: '-4.75' };

  it('finds the liquidation price the venue itself computes, from cash and the maintenance rule', () => {
    const cash = new Decimal('8000').minus('14.251425');
    const price = liquidationAtReference(BTC.symbol, [{ market: BTC.symbol, size: new Decimal('0.5'), entry: new Decimal('95009.5') }], cash, inputs([], null, {}, {}));
    expect(price!.toDecimalPlaces(8).toFixed()).toBe('81482.47716495');
  });

  it('values the other positions at the independent reference, not at the venue mark', () => {
    const short: PositionView = { market: ETH.symbol, size: '-10', entryPrice: '3000', unrealizedPnl: '0' };
    const acct = account('7985.748575', '7985.748575');
    const atRef = (ref: string) => positionViews(inputs([long, short], acct, { [BTC.symbol]: '95009.5', [ETH.symbol]: '3000' }, { [BTC.symbol]: '95000', [ETH.symbol]: ref }))[0].liquidationAtReference;
    // ETH 100 higher at the reference costs the short 1000 and raises its requirement by 50: BTC's liquidation moves up by 1050 / 0.485.
    const moved = new Decimal(atRef('3100')!).minus(atRef('3000')!);
    expect(moved.toDecimalPlaces(4).toFixed()).toBe(new Decimal(1050).div('0.485').toDecimalPlaces(4).toFixed());
  });

  it('states equity, margin use and leverage from the venue account and marks', () => {
    const view = accountView(inputs([long], account('10000', '10004.75', '2375.24'), { [BTC.symbol]: '95000' }, {}));
    expect(view).toMatchObject({ equity: '10000', freeCollateral: '7624.76', marginUse: '0.237524', leverage: '4.75', currency: 'USDC' });
    expect(accountView(inputs([], null, {}, {}))).toMatchObject({ equity: null, leverage: null });
  });

  it('prices a ticket: value, added margin, taker fee, leverage and liquidation after it', () => {
    const preview = { allowed: true, reason: null, code: null, reference: '95000', sourcesFresh: 3, sourcesTotal: 3, referenceAgeMs: 10, band: '0.005', degraded: false, deviation: null, sendPrice: '95475', size: '0.5' };
    const ticket = { market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.5', sizeUnit: 'base', postOnly: false, reduceOnly: false } as const;
    const figures = ticketFigures(ticket, preview, inputs([], account('8000', '8000'), { [BTC.symbol]: '95000' }, { [BTC.symbol]: '95000' }))!;
    expect(figures).toMatchObject({ price: '95475', orderValue: '47737.5', marginRequired: '2386.875', feeEstimate: '14.32125', feeKind: 'taker' });
    expect(new Decimal(figures.leverageAfter!).toDecimalPlaces(2).toFixed()).toBe('5.98');
    // Closing the same size reduces: no margin asked for.
    const close = ticketFigures({ ...ticket, side: 'SELL', reduceOnly: true }, { ...preview, sendPrice: '94525' }, inputs([long], account('8000', '8004.75'), { [BTC.symbol]: '95000' }, { [BTC.symbol]: '95000' }))!;
    expect(close.marginRequired).toBe('0');
    expect(close.liquidationAfter).toBeNull();
  });

  it('gives a short reason without ids for a blocked ticket', () => {
    const blocked = { allowed: false, reason: 'buy at 142500 is 50 % above the independent price 95000 (band ±0.5 %)', code: 'OUTSIDE_BAND', reference: '95000', sourcesFresh: 3, sourcesTotal: 3, referenceAgeMs: 1, band: '0.005', degraded: false, deviation: '0.5', sendPrice: null, size: '0.001' };
    expect(shortReason(blocked, false, 'ok')).toBe('Outside the price band');
    expect(shortReason({ ...blocked, allowed: true, code: null }, false, 'maintenance')).toBe('Venue maintenance');
    expect(shortReason({ ...blocked, allowed: true }, true, 'ok')).toBe('Watch only: no orders from here');
  });
});

describe('classifyLinkFailure', () => {
  it('names our side of a failure and leaves the venue’s words to the venue', () => {
    expect(classifyLinkFailure('getaddrinfo ENOTFOUND api.nowhere.invalid')).toEqual({ problem: 'dns', summary: 'DNS lookup failed for api.nowhere.invalid' });
    expect(classifyLinkFailure('connect ECONNREFUSED 127.0.0.1:9')?.problem).toBe('refused');
    expect(classifyLinkFailure('self-signed certificate in certificate chain')?.problem).toBe('tls');
    expect(classifyLinkFailure('Unexpected server response: 401')?.problem).toBe('auth');
    expect(classifyLinkFailure('read ECONNRESET')?.summary).toBe('Network error (ECONNRESET)');
    expect(classifyLinkFailure('closed by venue (1001 going away)')).toBeNull();
  });
});
