import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodParams } from './contract';

const ticket = { market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.001', price: '95000' };
const accepts = (method: keyof typeof methodParams, params: unknown) => methodParams[method].safeParse(params).success;

describe('contract schemas bound every string and decimal', () => {
  it('refuses sizes and prices with more digits than any market has, and takes the largest and finest it allows', () => {
    expect(accepts('placeOrder', { ...ticket, size: '9'.repeat(40) })).toBe(false);
    expect(accepts('placeOrder', { ...ticket, size: '9'.repeat(13) })).toBe(false);
    expect(accepts('placeOrder', { ...ticket, price: '1.' + '0'.repeat(12) + '1' })).toBe(false);
    expect(accepts('placeOrder', { ...ticket, size: '1e5' })).toBe(false);
    expect(accepts('placeOrder', { ...ticket, size: '9'.repeat(12) + '.' + '9'.repeat(12) })).toBe(true);
    expect(accepts('placeOrder', { ...ticket, price: '0.000000000001' })).toBe(true);
  });

  it('refuses market names with characters no venue uses, and takes the venues’ own spellings', () => {
    for (const market of ['💥\0', 'BTC\u0000', '', 'x'.repeat(65), '-BTC', 'BTC USD', '../etc']) {
      expect(accepts('getRiskSettings', { market }), JSON.stringify(market)).toBe(false);
      expect(accepts('placeOrder', { ...ticket, market }), JSON.stringify(market)).toBe(false);
    }
    for (const market of ['BTC-USD-PERP', 'BTC-USD', 'BTC', 'kPEPE', 'PURR/USDC']) expect(accepts('getRiskSettings', { market }), market).toBe(true);
  });

  it('refuses a risk cap of 900,000 digits and fractions with more decimals than a band needs', () => {
    expect(accepts('setRiskSettings', { market: 'BTC-USD-PERP', settings: { maxNotional: '9'.repeat(900_000) } })).toBe(false);
    expect(accepts('setRiskSettings', { market: 'BTC-USD-PERP', settings: { band: '0.' + '1'.repeat(13) } })).toBe(false);
    expect(accepts('setRiskSettings', { market: 'BTC-USD-PERP', settings: { maxNotional: '250000', band: '0.005' } })).toBe(true);
  });

  it('refuses control characters in free text and paths, and ids of the wrong shape', () => {
    expect(accepts('openJournalForReview', { path: '/tmp/a\0b.db' })).toBe(false);
    expect(accepts('openJournalForReview', { path: '/tmp/journal.db' })).toBe(true);
    expect(accepts('queryJournal', { search: 'BTC\u001b[2J', limit: 10 })).toBe(false);
    expect(accepts('updateClaim', { id: 'C1', note: 'line one\nline two\tend' })).toBe(true);
    expect(accepts('updateClaim', { id: 'C1', note: 'bell\u0007' })).toBe(false);
    expect(accepts('createClaim', { incidentIds: ['I1', 'I2'] })).toBe(true);
    expect(accepts('createClaim', { incidentIds: ['💥'] })).toBe(false);
    expect(accepts('exportClaim', { id: 'C' + '9'.repeat(10) })).toBe(false);
    expect(accepts('cancelOrder', { clientId: 'a b' })).toBe(false);
  });

  it('accepts no string longer than its bound, for any method and field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(methodParams) as (keyof typeof methodParams)[])), fc.constantFrom('market', 'clientId', 'path', 'search', 'note', 'id', 'scenario', 'size', 'price'), (method, field) => {
        const huge = 'A'.repeat(5000);
        const base = method === 'placeOrder' || method === 'previewOrder' ? ticket : method === 'updateClaim' ? { id: 'C1', note: 'n' } : method === 'queryJournal' ? { limit: 1 } : {};
        expect(accepts(method, { ...base, [field]: huge }), `${method}.${field}`).toBe(false);
      }),
    );
  });
});
