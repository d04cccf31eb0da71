/**
 * Turns incidents into a refund claim (DESIGN §10). A loss item names its basis in words and
 * its evidence seqs; what a rollback undid is listed but carries no amount; orders the venue
 * cancelled and fills it reversed are listed for information. Decimal arithmetic only.
 */
import Decimal from 'decimal.js';
import type { IncidentView } from '../../../shared/incidents';

export type ClaimItemKind = 'UNEXPECTED_LIQUIDATION' | 'UNEXPECTED_TRIGGER' | 'VENUE_CANCELLED_ORDER' | 'REVERSED_FILL';

export interface ClaimItem {
  kind: ClaimItemKind;
  clientId: string;
  /** Decimal string in the settlement currency; null for information only. */
  amount: string | null;
  basis: string;
  evidence: number[];
  incident: string;
}

export interface Claim {
  items: ClaimItem[];
  total: string;
}

const LOSS_KINDS = new Set(['UNEXPECTED_LIQUIDATION', 'UNEXPECTED_TRIGGER']);

/** The loss on one fill closed at a bad price: the gap to the independent price, plus its fee. */
export function fillLoss(side: string, price: string, reference: string, size: string, fee: string): Decimal {
  // Selling closes a long: the trader got `price` where the world paid `reference`; buying closes a short.
  const gap = side === 'SELL' ? new Decimal(reference).minus(price) : new Decimal(price).minus(reference);
  return gap.times(size).plus(fee);
}

function lossItem(incident: IncidentView): ClaimItem {
  const d = incident.findings[0].detail as Record<string, string>;
  const clientId = incident.clientIds[0] ?? String(d.fillId);
  const base = { kind: incident.kind as ClaimItemKind, clientId, evidence: incident.evidence, incident: incident.id };
  if (incident.reversedBy) {
    return { ...base, amount: null, basis: `${d.side} ${d.size} at ${d.price} was reversed by the rollback ${incident.reversedBy}: no loss remains` };
  }
  const amount = fillLoss(d.side, d.price, d.reference, d.size, d.fee);
  const closing = d.side === 'SELL' ? `(${d.reference} − ${d.price})` : `(${d.price} − ${d.reference})`;
  return {
    ...base,
    amount: amount.toString(),
    basis: `closed ${d.size} at ${d.price} while the independent price was ${d.reference}: ${closing} × ${d.size} + fee ${d.fee}`,
  };
}

export function buildClaim(incidents: IncidentView[]): Claim | null {
  const items: ClaimItem[] = [];
  for (const incident of incidents) {
    if (LOSS_KINDS.has(incident.kind)) items.push(lossItem(incident));
    else if (incident.kind === 'VENUE_CANCEL' && !incident.reversedBy) {
      const reason = String(incident.findings[0].detail.reason);
      for (const clientId of incident.clientIds) {
        items.push({ kind: 'VENUE_CANCELLED_ORDER', clientId, amount: null, basis: `cancelled by the venue (${reason})`, evidence: incident.evidence, incident: incident.id });
      }
    } else if (incident.kind === 'ROLLBACK') {
      for (const f of incident.findings.filter((x) => x.kind === 'FILL_REVERSED' && x.detail.fillType === 'FILL')) {
        const d = f.detail;
        items.push({
          kind: 'REVERSED_FILL', clientId: f.clientIds[0] ?? String(d.fillId), amount: null, evidence: f.evidence, incident: incident.id,
          basis: `${d.side} ${d.size} at ${d.price} reversed by the rollback${d.realizedPnl ? `; realized PnL ${d.realizedPnl}` : ''}, fee ${d.fee}`,
        });
      }
    }
  }
  if (!items.some((i) => i.amount !== null)) return null;
  const total = items.reduce((sum, i) => (i.amount === null ? sum : sum.plus(i.amount)), new Decimal(0));
  return { items, total: total.toString() };
}
