/** The replay report, format version 1 (DESIGN §12). Extend it; never break it. */
import Decimal from 'decimal.js';
import type { VenueStatus } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import { buildClaim, type Claim } from '../claims/build-claim';
import type { Scenario } from '../scenario/types';
import { plain } from '../sim/money';
import { reportOrder, type ReportOrder } from './order-state';
import type { ReplaySession } from './replay-session';

export interface ReportIncident {
  kind: string;
  market: string | null;
  openedAt: string;
  detectedAt: string;
  closedAt: string | null;
  clientIds: string[];
  evidence: number[];
  /** Set when a later rollback undid what this incident describes. */
  reversedBy?: string;
  id: string;
  summary: string;
}

export interface ReplayReport {
  report: 1;
  scenario: string;
  statusTimeline: { at: string; status: VenueStatus }[];
  orders: ReportOrder[];
  incidents: ReportIncident[];
  claims: Claim[];
  journal: { events: number; head: string; verified: boolean };
  /** Added to format 1 (readers of earlier reports find it absent): each market's signed position at `until`. */
  positions?: ReportPosition[];
}

/** A position as the journal's projection holds it and as the simulated venue holds it. */
export interface ReportPosition {
  market: string;
  journal: string;
  venue: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

function claimsOf(incidents: IncidentView[]): Claim[] {
  const claim = buildClaim(incidents);
  return claim ? [claim] : [];
}

export async function buildReport(scenario: Scenario, session: ReplaySession, userOrders: string[], restoredFrom: ReadonlyMap<string, string>): Promise<ReplayReport> {
  const { journal } = session;
  journal.flush();
  const statusTimeline = journal
    .query({ kind: 'VENUE_STATUS', limit: 1000 })
    .events.filter((e) => (e.payload as { source?: string }).source === 'terminal')
    .map((e) => {
      const payload = e.payload as { status: VenueStatus; at?: number };
      return { at: iso(payload.at ?? e.at), status: payload.status };
    });
  const rows = new Map(journal.orders().map((row) => [row.clientId, row]));
  const vanished = session.terminal.reconciler.vanishedOrders;
  const orders = userOrders.map((clientId) => {
    const order: ReportOrder = vanished.has(clientId) ? { clientId, state: 'VANISHED', reason: 'the venue no longer knows this order' } : reportOrder(clientId, rows.get(clientId), journal.fills({ clientId }).filter((f) => f.busted).length);
    const original = restoredFrom.get(clientId);
    if (!original) return order;
    return { ...order, reason: `restored from ${original}${order.reason ? `; ${order.reason}` : ''}` };
  });
  const verify = await journal.verify();
  return {
    report: 1,
    scenario: scenario.name,
    statusTimeline,
    orders,
    incidents: session.terminal.incidents.list().map((i) => ({
      id: i.id,
      kind: i.kind,
      market: i.market,
      openedAt: iso(i.openedAt),
      detectedAt: iso(i.detectedAt),
      closedAt: i.closedAt === null ? null : iso(i.closedAt),
      clientIds: i.clientIds,
      evidence: i.evidence,
      ...(i.reversedBy ? { reversedBy: i.reversedBy } : {}),
      summary: i.findings[0].summary,
    })),
    claims: claimsOf(session.terminal.incidents.list()),
    journal: { events: verify.events, head: verify.head?.hash ?? '', verified: verify.verified },
    positions: positionsAtUntil(scenario, session),
  };
}

function positionsAtUntil(scenario: Scenario, session: ReplaySession): ReportPosition[] {
  const journalled = new Map(session.journal.positions().map((p) => [p.market, p.size]));
  return scenario.markets.map(({ symbol }) => ({
    market: symbol,
    journal: plain(new Decimal(journalled.get(symbol) ?? '0')),
    venue: plain(session.sim.engine.position(symbol)?.size ?? new Decimal(0)),
  }));
}
