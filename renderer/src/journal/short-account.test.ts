import { describe, expect, it } from 'vitest';
import { shortAccount } from './short-account';

describe('shortAccount', () => {
  it('keeps a short id whole', () => {
    expect(shortAccount('sim:local:Simulator')).toBe('sim:local:Simulator');
  });

  it('cuts a long address in the middle, keeping venue, network and the subaccount', () => {
    expect(shortAccount(`dydx:mainnet:dydx1abc${'0'.repeat(35)}/0`)).toBe('dydx:mainnet:dydx1abc…0000/0');
    expect(shortAccount('paradex:testnet:0x5137d0c0ffee5137d0c0ffee')).toBe('paradex:testnet:0x5137d0…c0ffee');
  });

  it('leaves an id that is not venue:network:address as it is', () => {
    expect(shortAccount('legacy')).toBe('legacy');
  });
});
