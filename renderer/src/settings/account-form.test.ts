import { describe, expect, it } from 'vitest';
import { saveVenueAccountSchema, type VenueAccountView } from '../../../shared/venue-accounts';
import { accountToForm, EMPTY_FORM, parseSymbolOverrides, readAccountForm, splitMarkets, type AccountFormText } from './account-form';

const paradex: AccountFormText = { ...EMPTY_FORM, label: '  Main ', address: ' 0x5137d0c0ffee ', markets: 'BTC-USD-PERP, ETH-USD-PERP' };
const dydx: AccountFormText = { ...EMPTY_FORM, label: 'Watch', venue: 'dydx', address: `dydx1abc${'0'.repeat(35)}`, markets: 'BTC-USD', subaccount: '2' };

describe('splitMarkets', () => {
  it('splits on commas, spaces and new lines and drops blanks and repeats', () => {
    expect(splitMarkets(' BTC-USD-PERP,ETH-USD-PERP  SOL-USD-PERP\nBTC-USD-PERP, ')).toEqual(['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP']);
    expect(splitMarkets('  ')).toEqual([]);
  });
});

describe('parseSymbolOverrides', () => {
  it('reads one override a line, grouped by source', () => {
    expect(parseSymbolOverrides('coinbase BTC-USD-PERP=BTC-USD\n\n  kraken BTC-USD-PERP = XBT/USD \ncoinbase ETH-USD-PERP=ETH-USD')).toEqual({
      ok: true,
      symbols: { coinbase: { 'BTC-USD-PERP': 'BTC-USD', 'ETH-USD-PERP': 'ETH-USD' }, kraken: { 'BTC-USD-PERP': 'XBT/USD' } },
    });
  });
  it('names the line that is not an override, or whose source is unknown', () => {
    expect(parseSymbolOverrides('coinbase BTC-USD-PERP=BTC-USD\nBTC-USD-PERP BTC-USD')).toEqual({ ok: false, message: expect.stringContaining('line 2') });
    expect(parseSymbolOverrides('bitstamp BTC-USD-PERP=btcusd')).toEqual({ ok: false, message: expect.stringContaining('"bitstamp" is not a reference source') });
  });
});

describe('readAccountForm', () => {
  it('trims, splits markets, keeps the sources in order and omits blank URLs and overrides', () => {
    const reading = readAccountForm({ ...paradex, sources: ['binance', 'coinbase'] }, '');
    expect(reading).toEqual({
      ok: true,
      params: {
        account: {
          label: 'Main', venue: 'paradex', network: 'mainnet', address: '0x5137d0c0ffee', subkey: false,
          markets: ['BTC-USD-PERP', 'ETH-USD-PERP'], sources: ['coinbase', 'binance'], symbols: {},
        },
      },
    });
    expect(reading.ok && saveVenueAccountSchema.safeParse(reading.params).success).toBe(true);
  });

  it('sends a typed Paradex key, trimmed, and none when the field is blank', () => {
    const withKey = readAccountForm(paradex, ' 0xabc ', 'A1');
    expect(withKey.ok && withKey.params).toMatchObject({ id: 'A1', privateKey: '0xabc' });
    const blank = readAccountForm(paradex, '   ', 'A1');
    expect(blank.ok && 'privateKey' in blank.params).toBe(false);
  });

  it('never sends a key for a watched venue, and sends the subaccount only for dYdX', () => {
    const reading = readAccountForm(dydx, '0xabc');
    expect(reading.ok && reading.params).toEqual({
      account: { label: 'Watch', venue: 'dydx', network: 'mainnet', address: dydx.address, subaccount: 2, markets: ['BTC-USD'], sources: ['coinbase', 'kraken', 'binance'], symbols: {} },
    });
    expect(readAccountForm({ ...dydx, subaccount: 'two' }, '')).toEqual({ ok: false, message: expect.stringContaining('subaccount') });
  });

  it('passes endpoint overrides that are filled in', () => {
    const reading = readAccountForm({ ...dydx, restUrl: ' http://127.0.0.1:9/v4 ', wsUrl: 'ws://127.0.0.1:9/v4/ws' }, '');
    expect(reading.ok && reading.params.account).toMatchObject({ restUrl: 'http://127.0.0.1:9/v4', wsUrl: 'ws://127.0.0.1:9/v4/ws' });
    expect(reading.ok && 'rpcUrl' in reading.params.account).toBe(false);
  });

  it('stops at a malformed override line before anything is sent', () => {
    expect(readAccountForm({ ...paradex, symbols: 'coinbase BTC' }, '0xabc')).toEqual({ ok: false, message: expect.stringContaining('line 1') });
  });
});

describe('accountToForm', () => {
  it('turns a saved account back into the text that saves it again unchanged', () => {
    const saved: VenueAccountView = {
      id: 'A3', label: 'Main', venue: 'paradex', network: 'testnet', address: '0x5137d0c0ffee', subaccount: 0, subkey: true,
      markets: ['BTC-USD-PERP', 'ETH-USD-PERP'], sources: ['coinbase', 'kraken'], symbols: { kraken: { 'BTC-USD-PERP': 'XBT/USD' } },
      restUrl: 'http://127.0.0.1:9', mode: 'trade', hasKey: true,
    };
    // A Paradex account has no subaccount to send; mode and hasKey are main's to say.
    expect(readAccountForm(accountToForm(saved), '', saved.id)).toEqual({
      ok: true,
      params: {
        id: 'A3',
        account: {
          label: 'Main', venue: 'paradex', network: 'testnet', address: '0x5137d0c0ffee', subkey: true, markets: ['BTC-USD-PERP', 'ETH-USD-PERP'],
          sources: ['coinbase', 'kraken'], symbols: { kraken: { 'BTC-USD-PERP': 'XBT/USD' } }, restUrl: 'http://127.0.0.1:9',
        },
      },
    });
  });
});
