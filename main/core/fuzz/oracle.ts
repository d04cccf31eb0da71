/**
 * The fuzzer's oracle (DESIGN §12): holds what the terminal concluded against the simulated
 * venue's ground truth. After the faults end and one complete reconcile, the journal's orders,
 * fills and positions equal the venue's; nothing is called reversed or vanished unless the
 * schedule busted a fill or rolled the venue back; no position drift is found at the end; every
 * priced claim item names a fill that stands; the journal verifies.
 */
import Decimal from 'decimal.js';
import type { Finding } from '../../../shared/incidents';
import type { Observation } from './observe';

export type OracleRule =
  | 'JOURNAL_VERIFIED'
  | 'POSITIONS_EQUAL'
  | 'FILLS_EQUAL'
  | 'ORDERS_EQUAL'
  | 'NO_UNCAUSED_REVERSAL'
  | 'BUSTS_TOLD'
  | 'NO_DRIFT_AT_END'
  | 'CLAIMS_ON_STANDING_FILLS'
  /** Set by the fuzzer: the replay itself threw. */
  | 'REPLAY_COMPLETES';

export interface Violation {
  rule: OracleRule;
  message: string;
}

/** Journal order states that mean "still working at the venue". */
const LIVE_JOURNAL = new Set(['acked', 'NEW', 'UNTRIGGERED', 'OPEN']);
const REVERSAL_KINDS = new Set(['FILL_REVERSED', 'ORDER_VANISHED']);
const USER_CANCELED = 'USER_CANCELED';

export function checkObservation(obs: Observation): Violation[] {
  const out: Violation[] = [];
  const add = (rule: OracleRule, message: string) => out.push({ rule, message });
  const { report, venue, journal, scenario, findings } = obs;
  const hasBust = scenario.steps.some((s) => s.action.kind === 'bustFill');
  const hasRollback = scenario.steps.some((s) => s.action.kind === 'rollback');

  if (!report.journal.verified) add('JOURNAL_VERIFIED', 'the journal does not verify');

  if (!report.positions) add('POSITIONS_EQUAL', 'the report lists no positions');
  for (const p of report.positions ?? []) {
    if (!new Decimal(p.journal).eq(p.venue)) add('POSITIONS_EQUAL', `${p.market}: the journal holds ${p.journal}, the venue ${p.venue}`);
  }

  const standing = new Map(venue.fills.filter((f) => !f.busted).map((f) => [f.id, f]));
  const journalFills = new Map(journal.fills.map((f) => [f.fillId, f]));
  for (const f of standing.values()) {
    const j = journalFills.get(f.id);
    const named = `fill ${f.id} (${f.clientId} ${f.side} ${f.size} at ${f.price}${f.fillType === 'FILL' ? '' : `, ${f.fillType}`})`;
    if (!j) add('FILLS_EQUAL', `${named} stands at the venue but is not in the journal`);
    else if (j.busted) add('FILLS_EQUAL', `${named} stands at the venue but the journal holds it reversed`);
    else if (j.side !== f.side || !new Decimal(j.size).eq(f.size) || !new Decimal(j.price).eq(f.price)) {
      add('FILLS_EQUAL', `${named}: the journal holds ${j.side} ${j.size} at ${j.price}`);
    }
  }
  for (const j of journal.fills) {
    if (!j.busted && !standing.has(j.fillId)) add('FILLS_EQUAL', `the journal holds fill ${j.fillId} (${j.clientId ?? 'no client id'} ${j.side} ${j.size} at ${j.price}) that the venue does not list`);
  }

  checkOrders(obs, hasRollback, add);

  const reversals = findings.filter((f) => REVERSAL_KINDS.has(f.kind));
  if (!hasBust && !hasRollback) {
    for (const f of reversals) add('NO_UNCAUSED_REVERSAL', `${f.kind} without a bust or rollback in the schedule: ${f.summary}`);
    for (const i of report.incidents.filter((x) => x.kind === 'ROLLBACK')) add('NO_UNCAUSED_REVERSAL', `ROLLBACK incident ${i.id} without a bust or rollback in the schedule: ${i.summary}`);
  }
  for (const f of reversals) {
    const fillId = f.kind === 'FILL_REVERSED' ? String(f.detail.fillId ?? '') : '';
    // A bust a later rollback undid was a true reversal at the time; the journal must then hold the fill standing again.
    const restored = hasBust && hasRollback && journalFills.get(fillId)?.busted === false;
    if (standing.has(fillId) && !restored) add('NO_UNCAUSED_REVERSAL', `FILL_REVERSED for fill ${fillId}, which the venue still lists`);
  }

  const reversedIds = new Set(findings.filter((f) => f.kind === 'FILL_REVERSED').map((f) => String(f.detail.fillId ?? '')));
  for (const f of venue.fills.filter((x) => x.busted && journalFills.has(x.id))) {
    if (!reversedIds.has(f.id)) add('BUSTS_TOLD', `the venue busted fill ${f.id} (${f.clientId} ${f.side} ${f.size} at ${f.price}) that the journal held, and no FILL_REVERSED names it`);
  }

  const finalReconcile = scenario.steps.filter((s) => s.actor === 'user' && s.action.kind === 'reconcile').at(-1)?.at;
  if (finalReconcile !== undefined) {
    for (const f of findings.filter((x: Finding) => x.kind === 'POSITION_DRIFT' && x.detectedAt >= finalReconcile)) {
      add('NO_DRIFT_AT_END', `POSITION_DRIFT after the faults ended and the closing reconcile: ${f.summary}`);
    }
  }

  for (const claim of report.claims) {
    for (const item of claim.items.filter((i) => i.amount !== null)) {
      const stands = [...standing.values()].some((f) => f.clientId === item.clientId || f.id === item.clientId);
      if (!stands) add('CLAIMS_ON_STANDING_FILLS', `claim item ${item.kind} ${item.clientId} (${item.amount}) names no fill that stands at the venue`);
    }
  }
  return out;
}

function checkOrders(obs: Observation, hasRollback: boolean, add: (rule: OracleRule, message: string) => void): void {
  const { venue, journal, report } = obs;
  const rows = new Map(journal.orders.filter((o) => o.clientId).map((o) => [o.clientId, o]));
  const filledAtVenue = new Map<string, Decimal>();
  for (const f of venue.fills) if (!f.busted) filledAtVenue.set(f.orderId, (filledAtVenue.get(f.orderId) ?? new Decimal(0)).plus(f.size));
  const atVenue = new Set<string>();
  for (const v of venue.orders) {
    if (!v.clientId) continue;
    atVenue.add(v.clientId);
    const row = rows.get(v.clientId);
    const told = `${v.clientId}: the venue has it ${v.status}${v.cancelReason ? ` (${v.cancelReason})` : ''}`;
    if (!row) {
      add('ORDERS_EQUAL', `${told}; the journal has no such order`);
      continue;
    }
    if (v.status === 'CLOSED' ? row.state !== 'CLOSED' : !LIVE_JOURNAL.has(row.state)) add('ORDERS_EQUAL', `${told}; the journal says ${row.state}`);
    else if (v.status === 'CLOSED' && (v.cancelReason ?? null) !== (row.reason ?? null)) add('ORDERS_EQUAL', `${told}; the journal gives the reason ${row.reason ?? 'none'}`);
    const filled = filledAtVenue.get(v.id) ?? new Decimal(0);
    if (!filled.eq(row.filledSize)) add('ORDERS_EQUAL', `${v.clientId}: ${filled.toString()} filled at the venue, ${row.filledSize} in the journal`);
  }
  checkReportedOrders(obs, filledAtVenue, add);
  const vanished = new Set(report.orders.filter((o) => o.state === 'VANISHED').map((o) => o.clientId));
  for (const row of journal.orders) {
    if (!row.clientId || atVenue.has(row.clientId) || row.venueOrderId === null) continue;
    if (!hasRollback) add('ORDERS_EQUAL', `${row.clientId}: the journal has the venue's id ${row.venueOrderId} for it, the venue never had it`);
    else if (!vanished.has(row.clientId) && LIVE_JOURNAL.has(row.state)) add('ORDERS_EQUAL', `${row.clientId}: rolled back at the venue, the journal still says ${row.state} and the report not VANISHED`);
  }
}

/** The report's word for each order agrees with the venue: open is open, fully filled is FILLED, a plain cancel is a cancel. */
function checkReportedOrders(obs: Observation, filledAtVenue: Map<string, Decimal>, add: (rule: OracleRule, message: string) => void): void {
  const byClientId = new Map(obs.venue.orders.filter((v) => v.clientId).map((v) => [v.clientId, v]));
  for (const order of obs.report.orders) {
    const v = byClientId.get(order.clientId);
    const says = `${order.clientId}: the report says ${order.state}${order.reason ? ` (${order.reason})` : ''}`;
    if (!v) {
      if (order.state === 'OPEN' || order.state === 'FILLED') add('ORDERS_EQUAL', `${says}, the venue never had it`);
      continue;
    }
    const filled = filledAtVenue.get(v.id) ?? new Decimal(0);
    const expected =
      v.status !== 'CLOSED' ? 'OPEN'
      : filled.eq(v.size) ? 'FILLED'
      : filled.isZero() && v.cancelReason === USER_CANCELED ? 'CANCELLED_BY_USER'
      : filled.isZero() && v.cancelReason ? 'CANCELLED_BY_VENUE'
      : null;
    if (expected !== null && order.state !== expected) add('ORDERS_EQUAL', `${says}, the venue has it ${v.status}${v.cancelReason ? ` (${v.cancelReason})` : ''} with ${filled.toString()} of ${v.size} filled`);
  }
}
