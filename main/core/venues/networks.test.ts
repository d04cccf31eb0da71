import { describe, expect, it } from 'vitest';
import { endpointsFor } from './networks';

describe('venue endpoints per network', () => {
  it('picks the network, and an account override wins', () => {
    expect(endpointsFor('dydx', 'testnet', {}).restUrl).toBe('https://indexer.v4testnet.dydx.exchange/v4');
    expect(endpointsFor('hyperliquid', 'mainnet', { wsUrl: 'ws://127.0.0.1:1/ws' })).toEqual({ restUrl: 'https://api.hyperliquid.xyz', wsUrl: 'ws://127.0.0.1:1/ws', rpcUrl: null });
  });

  it("reads no chain height from the network's RPC when the REST URL points elsewhere, unless an RPC URL goes with it", () => {
    expect(endpointsFor('paradex', 'mainnet', {}).rpcUrl).toBe('https://rpc.api.prod.paradex.trade/rpc/v0_8');
    expect(endpointsFor('paradex', 'mainnet', { restUrl: 'http://127.0.0.1:1/v1' }).rpcUrl).toBeNull();
    expect(endpointsFor('paradex', 'testnet', { restUrl: 'http://127.0.0.1:1/v1', rpcUrl: 'http://127.0.0.1:2/rpc' }).rpcUrl).toBe('http://127.0.0.1:2/rpc');
  });
});
