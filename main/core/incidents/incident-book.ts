/**
 * Groups findings into incidents (DESIGN §9) and journals each change: related findings within
 * one window become one incident; an episode (a divergence, a stall) stays open until it ends.
 */
import type { Finding, IncidentKind, IncidentView } from '../../../shared/incidents';
import type { DurableJournal } from '../orders/journal-port';

const ROLLBACK_PARTS = new Set(['HEIGHT_REGRESSION', 'FILL_REVERSED', 'ORDER_VANISHED']);
/** Findings of one kind (and market) this close together belong to one incident. */
const WINDOW_MS = 15 * 60_000;
/** Kinds that describe a state lasting until it ends, rather than a single event. */
const EPISODES = new Set<IncidentKind>(['PRICE_DIVERGENCE', 'STALE_VENUE_PRICE', 'HEIGHT_STALL']);
/** A rollback or an admin sweep of orders spans markets. */
const CROSS_MARKET = new Set<IncidentKind>(['ROLLBACK', 'VENUE_CANCEL']);
/** A liquidation is its own incident: each one is a claim of its own. */
const SINGLE = new Set<IncidentKind>(['UNEXPECTED_LIQUIDATION', 'UNVERIFIABLE_LIQUIDATION', 'UNEXPECTED_TRIGGER']);

export const incidentKindOf = (finding: Finding): IncidentKind =>
  ROLLBACK_PARTS.has(finding.kind) ? 'ROLLBACK' : (finding.kind as IncidentKind);

export class IncidentBook {
  private readonly incidents: IncidentView[] = [];
  private readonly listeners = new Set<(incident: IncidentView, change: 'opened' | 'updated' | 'closed') => void>();

  constructor(
    private readonly journal: DurableJournal,
    private readonly venue: string,
  ) {}

  list(): IncidentView[] {
    return this.incidents;
  }

  /**
   * Takes back the incidents a previous session journalled. Episodes it left open are closed at
   * `closeOpenAt` (null for a journal that cannot record): nobody was watching in between.
   */
  restore(incidents: IncidentView[], closeOpenAt: number | null): void {
    this.incidents.push(...incidents);
    if (closeOpenAt === null) return;
    for (const incident of incidents) if (incident.closedAt === null) this.close(incident, closeOpenAt, 'the terminal restarted; not watched while it was off');
  }

  onChange(listener: (incident: IncidentView, change: 'opened' | 'updated' | 'closed') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest incident of a kind, if any. */
  latest(kind: IncidentKind): IncidentView | undefined {
    return [...this.incidents].reverse().find((i) => i.kind === kind);
  }

  /** The open episode of this kind in this market, if any. */
  openEpisode(kind: IncidentKind, market: string | null): IncidentView | undefined {
    return this.incidents.find((i) => i.kind === kind && i.market === market && i.closedAt === null);
  }

  add(finding: Finding): IncidentView {
    const kind = incidentKindOf(finding);
    const target = SINGLE.has(kind) ? undefined : this.joinable(kind, finding);
    if (target) {
      if (target.market !== finding.market) target.market = null;
      target.findings.push(finding);
      target.clientIds = union(target.clientIds, finding.clientIds);
      target.evidence = union(target.evidence, finding.evidence).sort((a, b) => a - b);
      this.record('INCIDENT_UPDATED', target, { added: finding });
      this.tell(target, 'updated');
      return target;
    }
    const incident: IncidentView = {
      id: `I${this.incidents.length + 1}`,
      kind,
      market: finding.market,
      openedAt: finding.at,
      detectedAt: finding.detectedAt,
      closedAt: SINGLE.has(kind) || !EPISODES.has(kind) ? finding.detectedAt : null,
      clientIds: [...finding.clientIds],
      evidence: [...finding.evidence].sort((a, b) => a - b),
      findings: [finding],
      reversedBy: null,
    };
    this.incidents.push(incident);
    this.record('INCIDENT_OPENED', incident, { finding });
    this.tell(incident, 'opened');
    return incident;
  }

  /** Names more orders an open episode affected (e.g. a cancel that could not go through during a stall). */
  affect(incident: IncidentView, clientId: string, evidence: number): void {
    if (incident.clientIds.includes(clientId)) return;
    incident.clientIds = [...incident.clientIds, clientId];
    incident.evidence = union(incident.evidence, [evidence]).sort((a, b) => a - b);
    this.record('INCIDENT_UPDATED', incident, { affected: clientId, evidence });
    this.tell(incident, 'updated');
  }

  close(incident: IncidentView, at: number, why: string): void {
    if (incident.closedAt !== null) return;
    incident.closedAt = at;
    this.record('INCIDENT_CLOSED', incident, { why });
    this.tell(incident, 'closed');
  }

  markReversed(incident: IncidentView, by: IncidentView, evidence: number[]): void {
    if (incident.reversedBy !== null) return;
    incident.reversedBy = by.id;
    incident.evidence = union(incident.evidence, evidence).sort((a, b) => a - b);
    this.record('INCIDENT_UPDATED', incident, { reversedBy: by.id, evidence });
    this.tell(incident, 'updated');
  }

  private joinable(kind: IncidentKind, finding: Finding): IncidentView | undefined {
    for (let i = this.incidents.length - 1; i >= 0; i--) {
      const candidate = this.incidents[i];
      if (candidate.kind !== kind || (!CROSS_MARKET.has(kind) && candidate.market !== finding.market)) continue;
      if (EPISODES.has(kind)) return candidate.closedAt === null ? candidate : undefined;
      if (finding.at - candidate.openedAt <= WINDOW_MS && sameReason(candidate, finding)) return candidate;
    }
    return undefined;
  }

  private record(kind: 'INCIDENT_OPENED' | 'INCIDENT_UPDATED' | 'INCIDENT_CLOSED', incident: IncidentView, extra: Record<string, unknown>): void {
    this.journal.appendDurable({
      venue: this.venue,
      kind,
      market: incident.market,
      payload: { id: incident.id, incidentKind: incident.kind, openedAt: incident.openedAt, detectedAt: incident.detectedAt, closedAt: incident.closedAt, clientIds: incident.clientIds, evidence: incident.evidence, ...extra },
    });
  }

  private tell(incident: IncidentView, change: 'opened' | 'updated' | 'closed'): void {
    for (const listener of this.listeners) listener(incident, change);
  }
}

/** Venue cancels group by the venue's reason: an admin sweep and a liquidation are different stories. */
function sameReason(incident: IncidentView, finding: Finding): boolean {
  if (incident.kind !== 'VENUE_CANCEL') return true;
  return incident.findings[0].detail.reason === finding.detail.reason;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}
