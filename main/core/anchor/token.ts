/**
 * RFC 3161 time-stamp tokens over a chain head, read and checked with pkijs (no hand-written
 * DER). The stamped message is the head hash's 32 bytes; its imprint is their SHA-256. A token is
 * `verified` when its CMS signature holds and its imprint is that of the head; `trusted` when,
 * besides, the signer's certificate chains to one of the given roots at the token's genTime.
 */
import { hash } from 'node:crypto';
import * as pkijs from 'pkijs';

export const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const ID_COMMON_NAME = '2.5.4.3';

export class TokenError extends Error {}

export interface ReadToken {
  signed: pkijs.SignedData;
  tst: pkijs.TSTInfo;
  genTime: Date;
  /** The stamped SHA-256 imprint, hex. */
  imprint: string;
  /** Who signed it: the signer certificate's common name (or its whole subject). */
  tsa: string;
}

export interface TokenCheck {
  verified: boolean;
  trusted: boolean;
  genTime: Date | null;
  tsa: string | null;
  /** Why it is not verified or not trusted, in words; empty when both hold. */
  problems: string[];
}

/** A copy in an ArrayBuffer of its own (a small Buffer is a view into a shared pool). */
const toArrayBuffer = (data: Uint8Array): ArrayBuffer => new Uint8Array(data).buffer as ArrayBuffer;

/** The imprint a token over `headHash` (64 hex characters) must carry. */
export function headImprint(headHash: string): string {
  return hash('sha256', Buffer.from(headHash, 'hex'), 'hex');
}

function subjectName(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === ID_COMMON_NAME);
  if (cn) return String(cn.value.valueBlock.value);
  return cert.subject.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ');
}

function signerCertificate(signed: pkijs.SignedData): pkijs.Certificate | null {
  const sid = signed.signerInfos[0]?.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) {
    return (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate) ?? null;
  }
  for (const cert of signed.certificates ?? []) {
    if (cert instanceof pkijs.Certificate && cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber)) return cert;
  }
  return null;
}

/** Takes a token (a CMS ContentInfo, DER) apart; throws TokenError when it is not one. */
export function readToken(der: Uint8Array): ReadToken {
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Error('it is not CMS signed data');
    signed = new pkijs.SignedData({ schema: info.content });
    if (signed.encapContentInfo.eContentType !== ID_TST_INFO || !signed.encapContentInfo.eContent) throw new Error('it does not hold a TSTInfo');
    tst = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  } catch (err) {
    throw new TokenError(`not an RFC 3161 time-stamp token: ${(err as Error).message}`);
  }
  const signer = signerCertificate(signed);
  return {
    signed,
    tst,
    genTime: tst.genTime,
    imprint: Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
    tsa: signer ? subjectName(signer) : 'an unnamed TSA (no signer certificate in the token)',
  };
}

/** PEM text (one or more certificates) → pkijs certificates. */
export function parsePemCertificates(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const der = Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''), 'base64');
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  });
}

const reasonOf = (err: unknown): string => (err as { message?: string }).message ?? String(err);

/** Checks a token against the head it should stamp and, for trust, against `roots`. */
export async function checkToken(der: Uint8Array, headHash: string, roots: readonly pkijs.Certificate[]): Promise<TokenCheck> {
  let token: ReadToken;
  try {
    token = readToken(der);
  } catch (err) {
    return { verified: false, trusted: false, genTime: null, tsa: null, problems: [(err as Error).message] };
  }
  const { signed, tst, genTime, tsa } = token;
  const problems: string[] = [];
  const data = toArrayBuffer(Buffer.from(headHash, 'hex'));
  if (tst.messageImprint.hashAlgorithm.algorithmId !== ID_SHA256) problems.push(`the token stamps a ${tst.messageImprint.hashAlgorithm.algorithmId} digest, not SHA-256`);
  else if (token.imprint !== headImprint(headHash)) problems.push(`the token stamps another hash (imprint ${token.imprint.slice(0, 16)}…), not this head`);
  if (problems.length === 0) {
    const signature = await signed.verify({ signer: 0, data, checkChain: false, extendedMode: true }).catch((err: unknown) => ({ signatureVerified: false, message: reasonOf(err) }));
    if (!signature.signatureVerified) problems.push(`its signature does not hold${signature.message ? ` (${signature.message})` : ''}: the token was changed or not made by its TSA`);
  }
  const verified = problems.length === 0;
  let trusted = false;
  if (verified) {
    if (roots.length === 0) problems.push('no trusted root was given to check the TSA certificate against');
    else {
      const chain = await signed
        .verify({ signer: 0, data, checkChain: true, trustedCerts: [...roots], extendedMode: true })
        .catch((err: unknown) => ({ signerCertificateVerified: false, message: reasonOf(err) }));
      trusted = chain.signerCertificateVerified === true;
      if (!trusted) problems.push(`the TSA certificate does not chain to a trusted root (${chain.message})`);
    }
  }
  return { verified, trusted, genTime, tsa, problems };
}

