/**
 * Recomputes a bundle's claim from the records it carries in full (DESIGN §10): each loss item's
 * fill price, size, fee and side from its FILL record, the reference from the independent price
 * records at the fill's time (the terminal's own median and staleness rule), and the amount by
 * the item kind's rule; information-only items carry no amount; the total is the sum; and the
 * claim is the one the claim book journalled (CLAIM_CREATED, or the CLAIM_UPDATED that last
 * repriced it). Every difference is named.
 */
import Decimal from 'decimal.js';
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import { fillLoss, type Claim, type ClaimItem } from '../claims/build-claim';
import { canonicalJson } from '../journal/canonical-json';
import { referenceAt } from './item-prices';
import { reportEvidence } from './report-evidence';

const LOSS_KINDS = new Set(['UNEXPECTED_LIQUIDATION', 'UNEXPECTED_TRIGGER']);
const INFO_KINDS = new Set(['VENUE_CANCELLED_ORDER', 'REVERSED_FILL']);

interface FillPayload {
  side: string;
  price: string;
  size: string;
  fee: string;
}

const same = (a: string, b: string): boolean => {
  try {
    return new Decimal(a).equals(b);
  } catch {
    return false;
  }
};

/** The item's FILL record: among its evidence, the fill of its order. */
function fillOf(item: ClaimItem, bySeq: ReadonlyMap<number, JournalEvent>): JournalEvent | undefined {
  return item.evidence.map((seq) => bySeq.get(seq)).find((e) => e?.kind === 'FILL' && e.clientId === item.clientId);
}

function checkLossItem(item: ClaimItem, label: string, incident: IncidentView | undefined, bySeq: ReadonlyMap<number, JournalEvent>, prices: readonly JournalEvent[]): string[] {
  if (incident?.reversedBy) return item.amount === null ? [] : [`${label} claims ${item.amount} for a fill the rollback ${incident.reversedBy} reversed (no loss remains)`];
  // An item that claims nothing (its fill no longer stands) cannot inflate the claim.
  if (item.amount === null) return [];
  const fill = fillOf(item, bySeq);
  if (!fill) return [`${label}: none of its evidence is the FILL record of ${item.clientId}, so its amount cannot be recomputed`];
  const f = fill.payload as FillPayload;
  const quote = referenceAt(prices, fill.market ?? '', fill.at);
  if (quote.price === null) return [`${label}: the price records carried give no independent price at the fill's time (${quote.reason})`];
  const amount = fillLoss(f.side, f.price, quote.price, f.size, f.fee);
  if (!same(item.amount, amount.toString())) {
    return [
      `${label} claims ${item.amount}, but its FILL record (seq ${fill.seq}: ${f.side} ${f.size} at ${f.price}, fee ${f.fee}) ` +
        `against the independent price ${quote.price} gives ${amount.toString()}`,
    ];
  }
  return [];
}

/** The claim as a CLAIM_CREATED record states it, or as a CLAIM_UPDATED that repriced it does. */
export function journalledClaim(record: JournalEvent): Claim | undefined {
  const p = record.payload as { claim?: Claim; items?: Claim['items']; total?: string };
  if (record.kind === 'CLAIM_CREATED') return p.claim;
  return p.items && p.total !== undefined ? { items: p.items, total: p.total } : undefined;
}

/** Names each way `claim` is not what its records give; empty when it is. */
export function recomputeClaim(claim: Claim, incidents: readonly IncidentView[], full: readonly JournalEvent[], claimRecord: JournalEvent | null): string[] {
  const problems: string[] = [];
  const bySeq = new Map(full.map((e) => [e.seq, e]));
  const byIncident = new Map(incidents.map((i) => [i.id, i]));
  const { prices } = reportEvidence(full, claim, incidents);
  const claimedFills = new Map<string, number>();
  claim.items.forEach((item, n) => {
    const label = `item ${n + 1} (${item.kind} ${item.clientId})`;
    if (LOSS_KINDS.has(item.kind)) {
      problems.push(...checkLossItem(item, label, byIncident.get(item.incident), bySeq, prices));
      const fill = fillOf(item, bySeq);
      if (fill && item.amount !== null) {
        const earlier = claimedFills.get(fill.clientId!);
        if (earlier !== undefined) problems.push(`${label} claims the same fill (seq ${fill.seq}) as item ${earlier}: a loss is counted once`);
        else claimedFills.set(fill.clientId!, n + 1);
      }
    } else if (INFO_KINDS.has(item.kind)) {
      if (item.amount !== null) problems.push(`${label} is for information only and carries no amount, yet claims ${item.amount}`);
    } else problems.push(`${label}: ${item.kind} is not a kind of claim item`);
  });
  try {
    const sum = claim.items.reduce((s, i) => (i.amount === null ? s : s.plus(i.amount)), new Decimal(0));
    if (!sum.equals(claim.total)) problems.push(`the total ${claim.total} is not the sum of the items (${sum.toString()})`);
  } catch {
    problems.push('an amount or the total is not a decimal number');
  }
  if (claimRecord) {
    const journalled = journalledClaim(claimRecord);
    const shape = (c: Claim | undefined) => canonicalJson({ items: (c?.items ?? []).map(({ kind, clientId, amount, evidence, incident }) => ({ kind, clientId, amount, evidence, incident })), total: c?.total ?? null });
    if (shape(journalled) !== shape(claim)) {
      problems.push(`the claim is not the one journalled at seq ${claimRecord.seq} (${claimRecord.kind}: ${journalled?.items.length ?? 0} items, total ${journalled?.total ?? '—'})`);
    }
  }
  return problems;
}
