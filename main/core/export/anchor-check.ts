/**
 * Checks the time-stamp tokens a bundle carries (its full ANCHOR records) offline: each token's
 * signature, its certificate chain to a trusted root, and that its imprint is the head hash the
 * record names — a head the bundle's own chain must reach at that seq. Says in words what each
 * token proves: "records 1–41,933 existed no later than 2026-01-19 04:41:07 UTC (TSA …)".
 */
import type * as pkijs from 'pkijs';
import type { JournalEvent } from '../../../shared/domain';
import type { AnchorPayload } from '../anchor/anchorer';
import { checkToken } from '../anchor/token';
import type { AnchorRef } from './bundle-format';
import { grouped } from './report-html';

export interface AnchorVerdict {
  /** The ANCHOR record's seq. */
  seq: number;
  /** The head it stamps. */
  headSeq: number;
  hash: string;
  tsa: string;
  genTime: string | null;
  verified: boolean;
  trusted: boolean;
}

export interface AnchorFinding {
  seq: number;
  reason: string;
}

export interface AnchorsChecked {
  anchors: AnchorVerdict[];
  failures: AnchorFinding[];
  statements: string[];
}

const utc = (d: Date): string => d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');

/**
 * `hashAt(seq)`: the hash the bundle's chain gives at seq (null outside it). `lastEvidence`: the
 * last record the claim rests on, which a token must cover for the claim to be time-stamped.
 */
export async function checkAnchors(
  records: readonly JournalEvent[], listed: readonly AnchorRef[] | undefined, hashAt: (seq: number) => string | null,
  roots: readonly pkijs.Certificate[], lastEvidence: number,
): Promise<AnchorsChecked> {
  const out: AnchorsChecked = { anchors: [], failures: [], statements: [] };
  const listedSeqs = (listed ?? []).map((a) => a.seq).sort((a, b) => a - b).join(',');
  if (listedSeqs !== records.map((e) => e.seq).join(',')) {
    out.failures.push({ seq: records[0]?.seq ?? 0, reason: `the manifest lists the anchors at seqs [${listedSeqs}] but journal.jsonl carries ANCHOR records at [${records.map((e) => e.seq).join(',')}]` });
  }
  for (const record of records) {
    const p = record.payload as Partial<AnchorPayload>;
    const fail = (reason: string) => out.failures.push({ seq: record.seq, reason });
    if (typeof p.token !== 'string' || typeof p.headHash !== 'string' || !Number.isSafeInteger(p.headSeq)) {
      fail('this ANCHOR record has no token, head seq or head hash');
      continue;
    }
    const headSeq = p.headSeq!;
    const chainHash = hashAt(headSeq);
    if (chainHash === null) fail(`its token stamps the head at seq ${headSeq}, which journal.jsonl does not reach`);
    else if (chainHash !== p.headHash) fail(`its token stamps ${p.headHash.slice(0, 16)}… as the head at seq ${headSeq}, but the chain gives ${chainHash.slice(0, 16)}… there`);
    const check = await checkToken(Buffer.from(p.token, 'base64'), p.headHash, roots);
    const tsa = check.tsa ?? p.tsa ?? 'an unnamed TSA';
    out.anchors.push({ seq: record.seq, headSeq, hash: p.headHash, tsa: p.tsa ?? tsa, genTime: check.genTime?.toISOString() ?? null, verified: check.verified, trusted: check.trusted });
    if (!check.verified || !check.trusted) fail(`its time-stamp token (TSA ${tsa}) does not hold: ${check.problems.join('; ')}`);
    else if (chainHash === p.headHash) {
      out.statements.push(`records 1–${grouped(String(headSeq))} existed no later than ${utc(check.genTime!)} (TSA ${tsa}${p.tsa && p.tsa !== tsa ? `, ${p.tsa}` : ''})`);
    }
  }
  const covering = out.anchors.filter((a) => a.verified && a.trusted && a.headSeq >= lastEvidence);
  if (records.length === 0) out.statements.push('no time-stamp token: the bundle proves its records were not changed after its head was known, not when that was');
  else if (covering.length === 0) out.statements.push(`no trusted time-stamp covers the evidence up to seq ${grouped(String(lastEvidence))}`);
  return out;
}
