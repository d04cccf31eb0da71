/** Realistic events for tests and the bench, built the way the order path will build them. */
import type { NewEvent, OrderIntent } from '../payloads';

export const MARKET = 'BTC-USD-PERP';

export function intent(clientId: string, overrides: Partial<OrderIntent> = {}): NewEvent {
  const payload: OrderIntent = {
    clientId, market: MARKET, side: 'BUY', type: 'LIMIT', size: '0.5', price: '64000.5',
    postOnly: false, reduceOnly: false, decision: { allowed: true }, ...overrides,
  };
  return { kind: 'ORDER_INTENT', account: 'sim:local:test', venue: 'sim', market: payload.market, clientId, payload };
}

export function priceSample(i: number): NewEvent {
  return {
    kind: 'PRICE_SAMPLE', account: 'sim:local:test', venue: 'sim', market: MARKET, venueAt: 1_700_000_000_000 + i,
    payload: { mark: `64000.${i % 100}`, index: '64000.1', reference: '64000.2', sources: ['a', 'b', 'c'] },
    raw: `{"channel":"markets_summary","data":{"market":"${MARKET}","mark_price":"64000.${i % 100}","ts":${i}}}`,
  };
}

export function fill(clientId: string | null, fillId: string, side: 'BUY' | 'SELL', size: string, price = '64000.5'): NewEvent {
  return {
    kind: 'FILL', account: 'sim:local:test', venue: 'sim', market: MARKET, clientId, venueOrderId: clientId ? `v-${clientId}` : null,
    payload: { fillId, side, price, size, fee: '0.0125', liquidity: 'TAKER', fillType: 'FILL' },
  };
}
