/** Findings and incidents as main classifies them (DESIGN §9) and the renderer shows them. */
import type { CommandOutcome, DecimalString } from './domain';

export const FINDING_KINDS = [
  'VENUE_CANCEL', 'ORDER_VANISHED', 'FILL_REVERSED', 'FILL_DISCOVERED', 'POSITION_DRIFT',
  'HEIGHT_REGRESSION', 'HEIGHT_STALL', 'UNEXPECTED_LIQUIDATION', 'UNVERIFIABLE_LIQUIDATION',
  'UNEXPECTED_TRIGGER', 'STALE_VENUE_PRICE', 'PRICE_DIVERGENCE', 'API_AMBIGUITY',
  /** A venue message we could not read, or a venue answering errors (429, 403, 5xx) while polled. */
  'MALFORMED_MESSAGE', 'VENUE_ERROR',
  /** The venue's on-chain settlement of a fill or liquidation was rejected or reverted. */
  'SETTLEMENT_FAILED',
  /** The venue closed (part of) a position by auto-deleveraging; valued at the independent price. */
  'ADL',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** A ROLLBACK groups height regressions, reversed fills and vanished orders; other kinds stand alone. */
export type IncidentKind = 'ROLLBACK' | Exclude<FindingKind, 'HEIGHT_REGRESSION' | 'FILL_REVERSED' | 'ORDER_VANISHED'>;

export interface Finding {
  kind: FindingKind;
  market: string | null;
  clientIds: string[];
  /** When the first contradicting venue message arrived (local ms). */
  at: number;
  /** When the terminal concluded (local ms). */
  detectedAt: number;
  /** Journal seqs of the records that justify it. */
  evidence: number[];
  /** Plain words: what was seen. */
  summary: string;
  detail: Record<string, string | number | boolean | null>;
}

export interface IncidentView {
  id: string;
  kind: IncidentKind;
  market: string | null;
  openedAt: number;
  detectedAt: number;
  closedAt: number | null;
  clientIds: string[];
  evidence: number[];
  findings: Finding[];
  /** Undone by a later rollback: kept, shown, and worth no claim. */
  reversedBy: string | null;
}

/** DESIGN §10's claim lifecycle: draft → submitted → acknowledged → refunded (amount) / rejected. */
export const CLAIM_STATUSES = ['draft', 'submitted', 'acknowledged', 'refunded', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimItemView {
  kind: string;
  clientId: string;
  /** Decimal string in the settlement currency; null for information only. */
  amount: string | null;
  basis: string;
  evidence: number[];
  incident: string;
}

export interface ClaimView {
  id: string;
  status: ClaimStatus;
  incidentIds: string[];
  items: ClaimItemView[];
  /** Sum of the items' amounts, a decimal string. */
  total: string;
  /** What the venue refunded, once it did. */
  refundAmount: string | null;
  /**
   * The refund checked against the account: the change in the venue's reported balance between
   * submission and the refund, and whether it covers the amount (null where no balance was seen).
   */
  refundCheck: { balanceChange: string; matched: boolean } | null;
  note: string;
  createdAt: number;
  /** Every status the claim went through, oldest first. */
  history: { status: ClaimStatus; at: number }[];
}

/** One venue-cancelled order placed again: the new order's outcome and the band's word on it. */
export interface RestoredOrderView {
  restoredFrom: string;
  clientId: string | null;
  outcome: CommandOutcome;
  reason: string | null;
  band: { allowed: boolean; reference: DecimalString | null; deviation: DecimalString | null } | null;
}

/** Where a claim's evidence bundle was written. */
export interface ExportView {
  claimId: string;
  folder: string;
  zip: string;
  /** The printed report, or null with the reason in pdfProblem. */
  pdf: string | null;
  pdfProblem: string | null;
  records: number;
}

export interface ExportProgress {
  claimId: string;
  written: number;
  total: number;
}
