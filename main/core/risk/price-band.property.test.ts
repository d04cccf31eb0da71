import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPriceBand } from './price-band';
import { defaultRiskSettings } from './risk-settings';

const decimalString = (min: number, max: number, places: number) =>
  fc.integer({ min: min * 10 ** places, max: max * 10 ** places }).map((n) => new Decimal(n).div(10 ** places).toString());

describe('price band properties', () => {
  it('never allows an aggressive price outside the band in force, nor anything but reduce-only without a reference', () => {
    // Counted so that the property cannot pass by never reaching its checks.
    let aggressiveAllowed = 0;
    let allowedWithoutReference = 0;
    fc.assert(
      fc.property(
        fc.record({
          side: fc.constantFrom('BUY' as const, 'SELL' as const),
          type: fc.constantFrom('LIMIT' as const, 'MARKET' as const),
          price: decimalString(1, 200_000, 2),
          ref: fc.option(decimalString(1, 200_000, 2), { nil: null }),
          mark: fc.option(decimalString(1, 200_000, 2), { nil: null }),
          size: decimalString(0, 10, 3),
          reduceOnly: fc.boolean(),
          status: fc.constantFrom('ok' as const, 'post_only' as const, 'cancel_only' as const, 'degraded' as const),
          band: decimalString(0, 1, 4),
          tick: fc.constantFrom('0.01', '0.1', '1', '0.5'),
        }),
        (x) => {
          const settings = { ...defaultRiskSettings('BTC-USD-PERP'), band: x.band, maxNotional: '1000000000' };
          const decision = checkPriceBand(
            { market: 'BTC-USD-PERP', side: x.side, type: x.type, size: x.size, price: x.price, reduceOnly: x.reduceOnly },
            { price: x.ref, fresh: x.ref ? 3 : 1, total: 3, reason: null },
            { status: x.status, reopenedAt: null, mark: x.mark, now: 0 },
            settings,
            x.tick,
          );
          if (!decision.allowed) return;
          if (x.ref === null) {
            // Without a reference, nothing that adds risk is allowed.
            expect(x.reduceOnly).toBe(true);
            allowedWithoutReference++;
            return;
          }
          expect(decision.sendPrice).not.toBeNull();
          const deviation = new Decimal(decision.sendPrice!).minus(x.ref).div(x.ref);
          const aggressive = x.side === 'BUY' ? deviation.gt(0) : deviation.lt(0);
          if (aggressive) {
            expect(deviation.abs().lte(decision.band)).toBe(true);
            aggressiveAllowed++;
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(aggressiveAllowed).toBeGreaterThan(0);
    expect(allowedWithoutReference).toBeGreaterThan(0);
  });

  it('applies the notional cap to orders that add risk, never to reduce-only orders (a trader must be able to close)', () => {
    fc.assert(
      fc.property(decimalString(1, 200_000, 1), decimalString(1, 1000, 3), fc.constantFrom('BUY' as const, 'SELL' as const), fc.constantFrom('LIMIT' as const, 'MARKET' as const), (ref, size, side, type) => {
        const settings = { ...defaultRiskSettings('BTC-USD-PERP'), maxNotional: '0.5', band: '0.01' };
        const order = { market: 'BTC-USD-PERP', side, type, size, price: ref };
        const quote = { price: ref, fresh: 3, total: 3, reason: null };
        const venue = { status: 'ok' as const, reopenedAt: null, mark: ref, now: 0 };
        const closing = checkPriceBand({ ...order, reduceOnly: true }, quote, venue, settings, '0.1');
        const opening = checkPriceBand({ ...order, reduceOnly: false }, quote, venue, settings, '0.1');
        expect(closing.allowed).toBe(true);
        expect(opening).toMatchObject({ allowed: false, code: 'NOTIONAL_CAP' });
      }),
      { numRuns: 500 },
    );
  });

  it('never allows a risk-increasing order without an independent price', () => {
    fc.assert(
      fc.property(decimalString(1, 200_000, 2), fc.constantFrom('BUY' as const, 'SELL' as const), (price, side) => {
        const decision = checkPriceBand(
          { market: 'BTC-USD-PERP', side, type: 'LIMIT', size: '1', price, reduceOnly: false },
          { price: null, fresh: 1, total: 3, reason: null },
          { status: 'ok', reopenedAt: null, mark: price, now: 0 },
          defaultRiskSettings('BTC-USD-PERP'),
          '0.1',
        );
        expect(decision.allowed).toBe(false);
      }),
    );
  });
});
