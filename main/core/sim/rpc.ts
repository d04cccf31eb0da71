/**
 * The Starknet JSON-RPC proxy subset the terminal reads for chain height (venue-apis.md §1.10):
 * starknet_blockNumber and starknet_blockHashAndNumber. Venue API faults do not touch it; a halt
 * shows as a height that stops, a rollback as a height that goes down.
 */
import type { SimEngine } from './engine';

export const SIM_CHAIN_ID = '0x534e5f53494d'; // "SN_SIM"

export function answerRpc(engine: SimEngine, body: string): unknown {
  let request: { id?: unknown; method?: unknown };
  try {
    request = JSON.parse(body);
  } catch {
    return { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null };
  }
  const id = request.id ?? null;
  const height = engine.height();
  switch (request.method) {
    case 'starknet_blockNumber':
      return { jsonrpc: '2.0', result: height, id };
    case 'starknet_blockHashAndNumber':
      return { jsonrpc: '2.0', result: { block_hash: engine.blockHash(height), block_number: height }, id };
    case 'starknet_chainId':
      return { jsonrpc: '2.0', result: SIM_CHAIN_ID, id };
    default:
      return { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id };
  }
}
