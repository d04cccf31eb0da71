/**
 * The trader's refund claims (DESIGN §10): built from incidents by buildClaim, then moved along
 * draft → submitted → acknowledged → refunded (amount) / rejected. Every step is journalled
 * durably before it takes effect, so the journal alone tells the claim's story.
 */
import Decimal from 'decimal.js';
import type { ClaimStatus, ClaimView, IncidentView } from '../../../shared/incidents';
import { DomainError } from '../api/dispatch';
import type { DurableJournal } from '../orders/journal-port';
import { buildClaim } from './build-claim';

const NEXT: Record<ClaimStatus, readonly ClaimStatus[]> = {
  draft: ['submitted'],
  submitted: ['acknowledged', 'rejected'],
  acknowledged: ['refunded', 'rejected'],
  refunded: [],
  rejected: [],
};

export interface ClaimUpdate {
  id: string;
  status?: Exclude<ClaimStatus, 'draft'>;
  refundAmount?: string;
  note?: string;
}

/** A refund is matched when the balance grew by at least its amount since the claim went in. */
export function matchRefund(amount: string, before: string, after: string): { balanceChange: string; matched: boolean } {
  const change = new Decimal(after).minus(before);
  return { balanceChange: change.toString(), matched: change.gte(amount) };
}

export class ClaimBook {
  private readonly claims: ClaimView[] = [];

  /** The venue's balance when each claim was submitted, to match a refund against. */
  private readonly balanceAtSubmission = new Map<string, string>();

  private readonly createdListeners = new Set<(claim: ClaimView) => void>();

  constructor(
    private readonly journal: DurableJournal,
    private readonly venue: string,
    private readonly now: () => number,
    /** The venue's last reported balance (cash), null until it reported one. */
    private readonly balance: () => string | null = () => null,
  ) {}

  list(): ClaimView[] {
    return this.claims;
  }

  /** Told after each claim is created and journalled (the terminal anchors the journal head then). */
  onCreated(listener: (claim: ClaimView) => void): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  /** Takes back the claims a previous session journalled (their records are not written again). */
  restore({ claims, balances }: { claims: ClaimView[]; balances: ReadonlyMap<string, string> }): void {
    this.claims.push(...claims);
    for (const [id, balance] of balances) this.balanceAtSubmission.set(id, balance);
  }

  create(incidents: IncidentView[]): ClaimView {
    const claimed = incidents.filter((i) => this.claims.some((c) => c.status !== 'rejected' && c.incidentIds.includes(i.id)));
    if (claimed.length > 0) throw new DomainError('ALREADY_CLAIMED', `${claimed.map((i) => i.id).join(', ')} already belong to a claim.`);
    const built = buildClaim(incidents);
    if (!built) throw new DomainError('NOTHING_TO_CLAIM', `${incidents.map((i) => i.id).join(', ')} show no loss to claim.`);
    const at = this.now();
    const claim: ClaimView = {
      id: `C${this.claims.length + 1}`,
      status: 'draft',
      incidentIds: incidents.map((i) => i.id),
      items: built.items,
      total: built.total,
      refundAmount: null,
      refundCheck: null,
      note: '',
      createdAt: at,
      history: [{ status: 'draft', at }],
    };
    this.journal.appendDurable({ venue: this.venue, kind: 'CLAIM_CREATED', payload: { claim } });
    this.claims.push(claim);
    for (const listener of this.createdListeners) listener(claim);
    return claim;
  }

  /**
   * A fill a claim counted no longer stands (reversed after the claim was made): the claim's
   * items are recomputed from its incidents as they now stand and the change is journalled, so
   * nothing undone is claimed and nothing is counted twice. Refunded and rejected claims stay.
   */
  reprice(incidents: readonly IncidentView[]): void {
    for (const claim of this.claims) {
      if (claim.status === 'refunded' || claim.status === 'rejected') continue;
      const current = claim.incidentIds.map((id) => incidents.find((i) => i.id === id)).filter((i): i is IncidentView => i !== undefined);
      if (current.length !== claim.incidentIds.length) continue;
      const built = buildClaim(current);
      const total = built?.total ?? '0';
      const items = built?.items ?? claim.items.map((item) => ({ ...item, amount: null }));
      if (total === claim.total && JSON.stringify(items) === JSON.stringify(claim.items)) continue;
      const at = this.now();
      this.journal.appendDurable({
        venue: this.venue,
        kind: 'CLAIM_UPDATED',
        payload: { id: claim.id, from: claim.status, to: claim.status, at, items, total, previousTotal: claim.total, reason: 'a fill the claim counted no longer stands' },
      });
      claim.items = items;
      claim.total = total;
    }
  }

  update({ id, status, refundAmount, note }: ClaimUpdate): ClaimView {
    const claim = this.claims.find((c) => c.id === id);
    if (!claim) throw new DomainError('NOT_FOUND', `There is no claim ${id}.`);
    if (status !== undefined && !NEXT[claim.status].includes(status)) {
      throw new DomainError('INVALID_TRANSITION', `Claim ${id} is ${claim.status}; it cannot become ${status}.`);
    }
    if ((status === 'refunded') !== (refundAmount !== undefined)) {
      throw new DomainError('INVALID_PARAMS', 'A refund amount goes with status "refunded", and only with it.');
    }
    const at = this.now();
    const balance = this.balance();
    if (status === 'submitted' && balance !== null) this.balanceAtSubmission.set(id, balance);
    const before = this.balanceAtSubmission.get(id);
    const refundCheck = refundAmount !== undefined && before !== undefined && balance !== null ? matchRefund(refundAmount, before, balance) : null;
    this.journal.appendDurable({
      venue: this.venue,
      kind: 'CLAIM_UPDATED',
      payload: {
        id, from: claim.status, to: status ?? claim.status, at,
        ...(refundAmount === undefined ? {} : { refundAmount, total: claim.total, refundCheck }),
        ...(status === 'submitted' && balance !== null ? { balanceAtSubmission: balance } : {}),
        ...(note === undefined ? {} : { note }),
      },
    });
    if (status !== undefined) {
      claim.status = status;
      claim.history = [...claim.history, { status, at }];
    }
    if (refundAmount !== undefined) {
      claim.refundAmount = refundAmount;
      claim.refundCheck = refundCheck;
    }
    if (note !== undefined) claim.note = note;
    return claim;
  }
}
