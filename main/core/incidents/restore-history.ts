/**
 * Rebuilds incidents and claims from their own journal records when a journal is opened again,
 * so a restart loses neither (the journal is the source of truth; nothing is replayed but these).
 */
import type { EventKind, JournalEvent } from '../../../shared/domain';
import type { ClaimStatus, ClaimView, Finding, IncidentKind, IncidentView } from '../../../shared/incidents';
import type { Journal } from '../journal/journal';

const PAGE = 1000;

export function* eventsOfKinds(journal: Journal, kinds: EventKind[], account?: string): Generator<JournalEvent> {
  let afterSeq = 0;
  for (;;) {
    const page = journal.query({ kind: kinds, account, afterSeq, limit: PAGE, order: 'asc' });
    yield* page.events;
    if (!page.more || page.events.length === 0) return;
    afterSeq = page.events[page.events.length - 1].seq;
  }
}

interface IncidentPayload {
  id: string;
  incidentKind: IncidentKind;
  openedAt: number;
  detectedAt: number;
  closedAt: number | null;
  clientIds: string[];
  evidence: number[];
  finding?: Finding;
  added?: Finding;
  reversedBy?: string;
}

export function incidentsFromJournal(journal: Journal, account: string): IncidentView[] {
  const byId = new Map<string, IncidentView>();
  for (const e of eventsOfKinds(journal, ['INCIDENT_OPENED', 'INCIDENT_UPDATED', 'INCIDENT_CLOSED'], account)) {
    const p = e.payload as IncidentPayload;
    const known = byId.get(p.id);
    if (e.kind === 'INCIDENT_OPENED' || !known) {
      byId.set(p.id, {
        id: p.id, kind: p.incidentKind, market: e.market, openedAt: p.openedAt, detectedAt: p.detectedAt, closedAt: p.closedAt,
        clientIds: p.clientIds, evidence: p.evidence, findings: p.finding ? [p.finding] : [], reversedBy: p.reversedBy ?? null,
      });
      continue;
    }
    // Each record carries the incident's header as it then stood, and what changed.
    Object.assign(known, { market: e.market, closedAt: p.closedAt, clientIds: p.clientIds, evidence: p.evidence });
    if (p.added) known.findings.push(p.added);
    if (p.reversedBy) known.reversedBy = p.reversedBy;
  }
  return [...byId.values()];
}

interface ClaimUpdatePayload {
  id: string;
  to: ClaimStatus;
  from: ClaimStatus;
  refundAmount?: string;
  refundCheck?: ClaimView['refundCheck'];
  balanceAtSubmission?: string;
  note?: string;
  /** The claim recomputed after a fill it counted was reversed. */
  items?: ClaimView['items'];
  total?: string;
  at: number;
}

/** The claims, and the balance each was submitted at (to match a later refund against). */
export function claimsFromJournal(journal: Journal, account: string): { claims: ClaimView[]; balances: Map<string, string> } {
  const claims: ClaimView[] = [];
  const balances = new Map<string, string>();
  for (const e of eventsOfKinds(journal, ['CLAIM_CREATED', 'CLAIM_UPDATED'], account)) {
    if (e.kind === 'CLAIM_CREATED') {
      const claim = structuredClone((e.payload as { claim: ClaimView }).claim);
      claims.push({ ...claim, refundCheck: claim.refundCheck ?? null });
      continue;
    }
    const p = e.payload as ClaimUpdatePayload;
    const claim = claims.find((c) => c.id === p.id);
    if (!claim) continue;
    if (p.balanceAtSubmission !== undefined) balances.set(p.id, p.balanceAtSubmission);
    if (p.to !== p.from) {
      claim.status = p.to;
      claim.history = [...claim.history, { status: p.to, at: p.at }];
    }
    if (p.refundAmount !== undefined) {
      claim.refundAmount = p.refundAmount;
      claim.refundCheck = p.refundCheck ?? null;
    }
    if (p.note !== undefined) claim.note = p.note;
    if (p.items !== undefined && p.total !== undefined) Object.assign(claim, { items: p.items, total: p.total });
  }
  return { claims, balances };
}
