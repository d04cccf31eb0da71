/** The replay report, format version 1 (DESIGN §12). Extend it; never break it. */
import type { VenueStatus } from '../../../shared/domain';
import type { Scenario } from '../scenario/types';
import { reportOrder, type ReportOrder } from './order-state';
import type { ReplaySession } from './replay-session';

export interface ReplayReport {
  report: 1;
  scenario: string;
  statusTimeline: { at: string; status: VenueStatus }[];
  orders: ReportOrder[];
  incidents: unknown[];
  claims: unknown[];
  journal: { events: number; head: string; verified: boolean };
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function buildReport(scenario: Scenario, session: ReplaySession, userOrders: string[], restoredFrom: ReadonlyMap<string, string>): Promise<ReplayReport> {
  const { journal } = session;
  journal.flush();
  const statusTimeline = journal
    .query({ kind: 'VENUE_STATUS', limit: 1000 })
    .events.filter((e) => (e.payload as { source?: string }).source === 'terminal')
    .map((e) => ({ at: iso(e.at), status: (e.payload as { status: VenueStatus }).status }));
  const rows = new Map(journal.orders().map((row) => [row.clientId, row]));
  const orders = userOrders.map((clientId) => {
    const order = reportOrder(clientId, rows.get(clientId));
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
    incidents: [],
    claims: [],
    journal: { events: verify.events, head: verify.head?.hash ?? '', verified: verify.verified },
  };
}
