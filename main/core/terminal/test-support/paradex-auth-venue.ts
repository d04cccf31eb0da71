/** A Paradex on loopback whose /auth accepts only Starknet signatures made with `key` (each check recorded), for tests of key handling. */
import { ec, shortString, typedData } from 'starknet';
import { FixtureVenue } from '../../venues/paradex/fixtures/fixture-venue';
import { authTypedData } from '../../venues/paradex/starknet-typed-data';

const CHAIN = 'PRIVATE_SN_PARACLEAR_MAINNET';

export async function paradexAuthVenue(key: string): Promise<{ venue: FixtureVenue; verified: boolean[] }> {
  const venue = await FixtureVenue.start();
  const publicKey = ec.starkCurve.getPublicKey(key, false);
  venue.route('GET', '/v1/system/config', { status: 200, body: { starknet_chain_id: CHAIN } });
  venue.route('GET', '/v1/markets', { status: 200, body: { results: [] } });
  const verified: boolean[] = [];
  venue.route('POST', '/v1/auth', (request) => {
    const [r, s] = JSON.parse(String(request.headers['paradex-starknet-signature'])) as string[];
    const data = authTypedData(shortString.encodeShortString(CHAIN), Number(request.headers['paradex-timestamp']), Number(request.headers['paradex-signature-expiration']));
    const hash = typedData.getMessageHash(data, String(request.headers['paradex-starknet-account']));
    verified.push(ec.starkCurve.verify(new ec.starkCurve.Signature(BigInt(r), BigInt(s)), hash, publicKey));
    return verified.at(-1) ? { status: 200, body: { jwt_token: 'jwt-1' } } : { status: 401, body: { error: 'INVALID_SIGNATURE' } };
  });
  return { venue, verified };
}
