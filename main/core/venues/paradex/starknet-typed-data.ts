/**
 * The SNIP-12 (revision 0, `StarkNetDomain`) typed data Paradex signs, as tradeparadex/paradex-py
 * builds it: `paradex_py/message/auth.py` (`Request`) and `paradex_py/message/order.py` (`Order`).
 * Order sizes and prices are signed as integers with 8 decimals ("quantum value"); a market order
 * signs price 0.
 */
import Decimal from 'decimal.js';
import type { TypedData } from 'starknet';

const DOMAIN_TYPE = [
  { name: 'name', type: 'felt' },
  { name: 'chainId', type: 'felt' },
  { name: 'version', type: 'felt' },
];

function domain(chainIdHex: string) {
  return { name: 'Paradex', chainId: chainIdHex, version: '1' };
}

export function authTypedData(chainIdHex: string, timestamp: number, expiration: number): TypedData {
  return {
    message: { method: 'POST', path: '/v1/auth', body: '', timestamp, expiration },
    domain: domain(chainIdHex),
    primaryType: 'Request',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      Request: [
        { name: 'method', type: 'felt' },
        { name: 'path', type: 'felt' },
        { name: 'body', type: 'felt' },
        { name: 'timestamp', type: 'felt' },
        { name: 'expiration', type: 'felt' },
      ],
    },
  };
}

export interface OrderToSign {
  /** ms since epoch; the venue uses it as the signature's nonce. */
  timestamp: number;
  market: string;
  side: 'BUY' | 'SELL';
  type: string;
  size: string;
  /** Absent for market orders, which sign 0. */
  price?: string;
}

export function orderTypedData(chainIdHex: string, order: OrderToSign): TypedData {
  return {
    domain: domain(chainIdHex),
    primaryType: 'Order',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      Order: [
        { name: 'timestamp', type: 'felt' },
        { name: 'market', type: 'felt' },
        { name: 'side', type: 'felt' },
        { name: 'orderType', type: 'felt' },
        { name: 'size', type: 'felt' },
        { name: 'price', type: 'felt' },
      ],
    },
    message: {
      timestamp: String(order.timestamp),
      market: order.market,
      side: order.side === 'BUY' ? '1' : '2',
      orderType: order.type,
      size: chainQuantum(order.size, 'size'),
      price: order.type === 'MARKET' || order.price === undefined ? '0' : chainQuantum(order.price, 'price'),
    },
  };
}

/** paradex-py `scaleb(8)` then `int`: a value with more than 8 decimals cannot be signed as sent. */
export function chainQuantum(value: string, what: string): string {
  const scaled = new Decimal(value).times(1e8);
  if (!scaled.isInteger()) throw new RangeError(`${what} ${value} has more than 8 decimals`);
  return scaled.toFixed(0);
}
