/**
 * Asks one time-stamp authority (RFC 3161 over HTTP: POST application/timestamp-query) for a
 * token over a chain head. The request is built and the reply read with pkijs; a token is only
 * accepted when it answers this request (our nonce) and verifies against this head.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { checkToken, ID_SHA256, readToken } from './token';

export class TsaError extends Error {}

export interface TsaToken {
  /** The URL asked. */
  tsa: string;
  /** Who signed the token (its certificate's name). */
  tsaName: string;
  genTime: Date;
  /** The token (CMS ContentInfo), DER. */
  token: Buffer;
}

export type RequestToken = (url: string, headHash: string) => Promise<TsaToken>;

const TIMEOUT_MS = 15_000;
const MAX_REPLY_BYTES = 256 * 1024;
const GRANTED = new Set([0, 1]);

function timeStampQuery(headHash: string, nonce: Buffer): Buffer {
  const digest = Buffer.from(headHash, 'hex');
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ID_SHA256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(createHash('sha256').update(digest).digest()) }),
    }),
    certReq: true,
    nonce: new asn1js.Integer({ valueHex: new Uint8Array(nonce) }),
  });
  return Buffer.from(request.toSchema().toBER());
}

/** The token inside a TimeStampResp, or a TsaError saying why there is none. */
export function tokenFromReply(reply: Buffer): Buffer {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(new Uint8Array(reply).buffer);
  } catch (err) {
    throw new TsaError(`its answer is not a time-stamp response (${(err as Error).message})`);
  }
  if (!GRANTED.has(response.status.status)) {
    const words = (response.status.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
    throw new TsaError(`it refused to stamp (status ${response.status.status}${words ? `: ${words}` : ''})`);
  }
  if (!response.timeStampToken) throw new TsaError('it granted a stamp but sent no token');
  return Buffer.from(response.timeStampToken.toSchema().toBER());
}

export const requestToken: RequestToken = async (url, headHash) => {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01; // a positive INTEGER in its shortest form, so the TSA echoes it byte for byte
  let reply: Buffer;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(timeStampQuery(headHash, nonce)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new TsaError(`it answered HTTP ${res.status}`);
    reply = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof TsaError) throw err;
    const cause = (err as { cause?: { message?: string } }).cause;
    throw new TsaError(`it could not be reached (${cause?.message ?? (err as Error).message})`);
  }
  if (reply.length > MAX_REPLY_BYTES) throw new TsaError(`its answer is ${reply.length} bytes, more than a token needs`);
  const token = tokenFromReply(reply);
  const check = await checkToken(token, headHash, []);
  if (!check.verified) throw new TsaError(`its token does not verify: ${check.problems.join('; ')}`);
  const read = readToken(token);
  if (!read.tst.nonce || Buffer.from(read.tst.nonce.valueBlock.valueHexView).toString('hex') !== nonce.toString('hex')) {
    throw new TsaError('its token does not answer our request (the nonce differs)');
  }
  return { tsa: url, tsaName: check.tsa ?? url, genTime: read.genTime, token };
};
