import { describe, expect, it } from 'vitest';
import { orderTicketSchema, type OrderTicketInput } from '../../../shared/contract';
import { validateTicket } from './validate-ticket';

const BTC = { symbol: 'BTC-USD-PERP', tickSize: '0.1', stepSize: '0.001' };
const ticket = (over: Partial<OrderTicketInput>) => orderTicketSchema.parse({ market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.5', price: '95000', ...over });

describe('validateTicket', () => {
  it.each([
    [{ price: '95000.05' }, 'price 95000.05 is not a multiple of the tick 0.1'],
    [{ size: '0.0005' }, 'size 0.0005 is not a multiple of the step 0.001'],
    [{ price: undefined }, 'a limit order needs a price'],
    [{ type: 'MARKET' as const }, 'a MARKET order takes no limit price'],
    [{ type: 'STOP_LOSS_MARKET' as const, price: undefined }, 'a STOP_LOSS_MARKET order needs a trigger price'],
    [{ type: 'MARKET' as const, price: undefined, postOnly: true }, 'only a limit order can be post-only'],
    [{ market: 'DOGE-USD-PERP' }, 'unknown market DOGE-USD-PERP'],
    [{ reduceOnly: true, side: 'SELL' as const }, 'reduce-only with no position to reduce'],
  ])('refuses %o: %s', (over, reason) => {
    expect(validateTicket(ticket(over), 'market' in over ? undefined : BTC, '0', '95000')).toEqual({ ok: false, reason });
  });

  it('a reduce-only order must reduce the position it names', () => {
    expect(validateTicket(ticket({ reduceOnly: true, side: 'BUY' }), BTC, '0.5', '95000')).toEqual({ ok: false, reason: 'reduce-only BUY would not reduce a long position' });
    expect(validateTicket(ticket({ reduceOnly: true, side: 'SELL' }), BTC, '0.5', '95000')).toEqual({ ok: true, size: '0.5' });
  });

  it('converts a notional into whole steps, rounding down', () => {
    expect(validateTicket(ticket({ size: '1000', sizeUnit: 'quote', price: '95000' }), BTC, '0', null)).toEqual({ ok: true, size: '0.01' });
    expect(validateTicket(ticket({ type: 'MARKET', price: undefined, size: '1000', sizeUnit: 'quote' }), BTC, '0', '30000')).toEqual({ ok: true, size: '0.033' });
    expect(validateTicket(ticket({ type: 'MARKET', price: undefined, size: '1000', sizeUnit: 'quote' }), BTC, '0', null)).toMatchObject({ ok: false });
  });
});
