import { ec, shortString, typedData } from 'starknet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { FixtureVenue } from './fixtures/fixture-venue';
import { StarknetAuthenticator } from './starknet-auth';
import { authTypedData, chainQuantum, orderTypedData } from './starknet-typed-data';

const PRIVATE_KEY = '0x1234567890abcdef1234567890abcdef';
const PUBLIC_KEY = ec.starkCurve.getStarkKey(PRIVATE_KEY);
/** Verification takes the full curve point; the stark key is its x coordinate. */
const FULL_PUBLIC_KEY = ec.starkCurve.getPublicKey(PRIVATE_KEY, false);
const ACCOUNT = '0x5137d0c0ffee';
const START = 1_768_795_200_000;

describe('Paradex typed data', () => {
  // tradeparadex/paradex-py tests/message/test_auth.py @ 35310123f06235864933cc0f8ca71576808fec91:
  // build_auth_message(1, 2, 3) equals exactly this dict.
  it('auth Request matches paradex-py test_auth.py', () => {
    expect(authTypedData('0x1', 2, 3)).toEqual({
      message: { method: 'POST', path: '/v1/auth', body: '', timestamp: 2, expiration: 3 },
      domain: { name: 'Paradex', chainId: '0x1', version: '1' },
      primaryType: 'Request',
      types: {
        StarkNetDomain: [{ name: 'name', type: 'felt' }, { name: 'chainId', type: 'felt' }, { name: 'version', type: 'felt' }],
        Request: [
          { name: 'method', type: 'felt' }, { name: 'path', type: 'felt' }, { name: 'body', type: 'felt' },
          { name: 'timestamp', type: 'felt' }, { name: 'expiration', type: 'felt' },
        ],
      },
    });
  });

  // tradeparadex/paradex-py tests/message/test_order.py @ 35310123f06235864933cc0f8ca71576808fec91:
  // ETH-USD-PERP limit buy 0.1 @ 1500, signature_timestamp 1634736000000, chain 1.
  it('Order matches paradex-py test_order.py, sizes and prices in 8-decimal quanta', () => {
    const data = orderTypedData('0x1', { timestamp: 1634736000000, market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '1500' });
    expect(data.message).toEqual({ timestamp: '1634736000000', market: 'ETH-USD-PERP', side: '1', orderType: 'LIMIT', size: '10000000', price: '150000000000' });
    expect(data.types.Order.map((f) => f.name)).toEqual(['timestamp', 'market', 'side', 'orderType', 'size', 'price']);
    expect(orderTypedData('0x1', { timestamp: 1, market: 'BTC-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.00000001', price: '99' }).message)
      .toMatchObject({ side: '2', price: '0', size: '1' });
    expect(() => chainQuantum('0.000000001', 'size')).toThrow('more than 8 decimals');
  });

  // Not an official vector (paradex-py has none for signatures): the SNIP-12 rev 0 hash of the
  // test_auth.py message for account 0x123, as computed by starknet 10.8.0, pinned so a change in
  // encoding (e.g. of the empty body felt) cannot pass unnoticed.
  it('the auth hash is stable', () => {
    expect(typedData.getMessageHash(authTypedData('0x1', 2, 3), '0x123')).toBe('0x187d7e3bfe2647522712aa14e4061e4b152ab5cd539025889da90ac65e7e0fe');
  });
});

describe('StarknetAuthenticator', () => {
  let venue: FixtureVenue;
  let clock: VirtualClock;
  const chainHex = shortString.encodeShortString('PRIVATE_SN_PARACLEAR_MAINNET');

  /** The fixture checks the signature the way Paradex would: against the key, over the typed data. */
  function verifyingAuth(expectedPath: string) {
    let issued = 0;
    venue.route('GET', '/v1/system/config', { status: 200, body: { starknet_chain_id: 'PRIVATE_SN_PARACLEAR_MAINNET' } });
    venue.route('POST', expectedPath, (request) => {
      const [r, s] = JSON.parse(String(request.headers['paradex-starknet-signature'])) as string[];
      const data = authTypedData(chainHex, Number(request.headers['paradex-timestamp']), Number(request.headers['paradex-signature-expiration']));
      const hash = typedData.getMessageHash(data, String(request.headers['paradex-starknet-account']));
      const valid = ec.starkCurve.verify(new ec.starkCurve.Signature(BigInt(r), BigInt(s)), hash, FULL_PUBLIC_KEY);
      return valid ? { status: 200, body: { jwt_token: `jwt-${++issued}` } } : { status: 401, body: { error: 'INVALID_SIGNATURE' } };
    });
  }

  beforeEach(async () => {
    venue = await FixtureVenue.start();
    clock = new VirtualClock(START);
  });
  afterEach(() => venue.close());

  it('gets a JWT signed over the venue chain id, reuses it, and refreshes it before the 5-minute expiry', async () => {
    verifyingAuth('/v1/auth');
    const auth = new StarknetAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000, account: ACCOUNT, privateKey: PRIVATE_KEY });
    expect(await auth.getJwt()).toEqual({ ok: true, jwt: 'jwt-1' });
    const [request] = venue.requests.filter((r) => r.path === '/v1/auth');
    expect(request.headers['paradex-starknet-account']).toBe(ACCOUNT);
    expect(Number(request.headers['paradex-signature-expiration']) - Number(request.headers['paradex-timestamp'])).toBe(1_800);
    clock.advanceTo(START + 179_999);
    expect(await auth.getJwt()).toEqual({ ok: true, jwt: 'jwt-1' });
    clock.advanceTo(START + 180_000);
    expect(await auth.getJwt()).toEqual({ ok: true, jwt: 'jwt-2' });
    auth.invalidate();
    expect(await auth.getJwt()).toEqual({ ok: true, jwt: 'jwt-3' });
    expect(venue.requests.filter((r) => r.path === '/v1/system/config')).toHaveLength(1);
  });

  it('a wrong key is refused by the venue, and says so', async () => {
    verifyingAuth('/v1/auth');
    const auth = new StarknetAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000, account: ACCOUNT, privateKey: '0xdead' });
    expect(await auth.getJwt()).toEqual({ ok: false, reason: 'auth answered HTTP 401: {"error":"INVALID_SIGNATURE"}' });
  });

  it('a subkey authenticates at /v1/auth/{subkey public key} for the same account', async () => {
    verifyingAuth(`/v1/auth/${PUBLIC_KEY}`);
    const auth = new StarknetAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000, account: ACCOUNT, privateKey: PRIVATE_KEY, subkey: true, chainId: 'PRIVATE_SN_PARACLEAR_MAINNET' });
    expect(await auth.getJwt()).toEqual({ ok: true, jwt: 'jwt-1' });
    expect(venue.requests.map((r) => r.path)).toEqual([`/v1/auth/${PUBLIC_KEY}`]);
  });

  it('signs orders the venue can verify, timestamped by the clock', async () => {
    const auth = new StarknetAuthenticator({ restUrl: venue.restUrl, clock, timeoutMs: 1_000, account: ACCOUNT, privateKey: PRIVATE_KEY, chainId: 'PRIVATE_SN_PARACLEAR_MAINNET' });
    const signed = await auth.signOrder({ market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.05', price: '26000' });
    if (!signed.ok) throw new Error(signed.reason);
    expect(signed.signatureTimestamp).toBe(START);
    const [r, s] = JSON.parse(signed.signature) as string[];
    const hash = typedData.getMessageHash(orderTypedData(chainHex, { timestamp: START, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.05', price: '26000' }), ACCOUNT);
    expect(ec.starkCurve.verify(new ec.starkCurve.Signature(BigInt(r), BigInt(s)), hash, FULL_PUBLIC_KEY)).toBe(true);
    expect(await auth.signOrder({ market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.000000001', price: '1' })).toEqual({
      ok: false, reason: 'cannot sign the order: size 0.000000001 has more than 8 decimals',
    });
  });
});
