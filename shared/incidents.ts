/** Findings and incidents as main classifies them (DESIGN §9) and the renderer shows them. */

export const FINDING_KINDS = [
  'VENUE_CANCEL', 'ORDER_VANISHED', 'FILL_REVERSED', 'FILL_DISCOVERED', 'POSITION_DRIFT',
  'HEIGHT_REGRESSION', 'HEIGHT_STALL', 'UNEXPECTED_LIQUIDATION', 'UNVERIFIABLE_LIQUIDATION',
  'UNEXPECTED_TRIGGER', 'STALE_VENUE_PRICE', 'PRICE_DIVERGENCE', 'API_AMBIGUITY',
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
