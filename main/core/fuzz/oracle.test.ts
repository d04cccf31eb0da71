/**
 * The oracle itself: a real replay that holds, then copies of its observation changed so that
 * each rule is broken once; each must be caught, and only by its rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/incidents';
import { parseScenario } from '../scenario/parse';
import type { ScenarioStep } from '../scenario/types';
import { observeReplay, type Observation } from './observe';
import { checkObservation, type OracleRule } from './oracle';

const MARKET = 'BTC-USD-PERP';
const place = (at: string, order: Record<string, unknown>) => ({ at, user: { place: { market: MARKET, ...order } } });

const file = {
  scenario: 1,
  name: 'oracle-base',
  start: '2026-03-02T04:00:00Z',
  venue: { dialect: 'paradex', markets: [{ symbol: MARKET, tickSize: '0.1', stepSize: '0.001', initialMargin: '0.05', maintenanceMargin: '0.03', makerFee: '0.0001', takerFee: '0.0003' }] },
  reference: { [MARKET]: [['00:00:00', '95000'], ['00:02:00', '95300']] },
  account: { collateral: '10000' },
  steps: [
    place('00:00:05', { clientId: 'M1', side: 'BUY', type: 'MARKET', size: '0.02' }),
    place('00:00:10', { clientId: 'L1', side: 'SELL', type: 'LIMIT', size: '0.01', price: '95150', reduceOnly: true }),
    place('00:00:15', { clientId: 'L2', side: 'BUY', type: 'LIMIT', size: '0.01', price: '90000' }),
    place('00:00:20', { clientId: 'S1', side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0.01', triggerPrice: '90000', reduceOnly: true }),
    { at: '00:02:30', user: { reconcile: {} } },
  ],
  until: '00:03:00',
};

let base: Observation;

beforeAll(async () => {
  const parsed = parseScenario(file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  base = await observeReplay(parsed.value);
}, 60_000);

const copy = (): Observation => structuredClone(base);
const rules = (obs: Observation): OracleRule[] => [...new Set(checkObservation(obs).map((v) => v.rule))];
const finding = (kind: Finding['kind'], at: number, detail: Finding['detail'] = {}): Finding => ({
  kind, market: MARKET, clientIds: [], at, detectedAt: at, evidence: [], summary: `${kind} put there by the test`, detail,
});

describe('the fuzz oracle', () => {
  it('holds for a real replay with a taker fill, a maker fill, a resting order and a waiting stop', () => {
    expect(base.venue.fills.map((f) => [f.clientId, f.busted])).toEqual([['M1', false], ['L1', false]]);
    expect(base.venue.orders.map((o) => [o.clientId, o.status])).toEqual([['M1', 'CLOSED'], ['L1', 'CLOSED'], ['L2', 'OPEN'], ['S1', 'UNTRIGGERED']]);
    expect(checkObservation(base)).toEqual([]);
  });

  it('catches a journal that does not verify', () => {
    const obs = copy();
    obs.report.journal.verified = false;
    expect(rules(obs)).toEqual(['JOURNAL_VERIFIED']);
  });

  it('catches a journal position that is not the venue\'s, and a report without positions', () => {
    const obs = copy();
    obs.report.positions![0].journal = '0.5';
    expect(rules(obs)).toEqual(['POSITIONS_EQUAL']);
    delete obs.report.positions;
    expect(rules(obs)).toEqual(['POSITIONS_EQUAL']);
  });

  it('catches a venue fill missing from the journal, one held reversed, one held at another price, and one the venue never made', () => {
    const missing = copy();
    missing.journal.fills = missing.journal.fills.filter((f) => f.clientId !== 'L1');
    expect(rules(missing)).toEqual(['FILLS_EQUAL']);

    const reversed = copy();
    reversed.journal.fills[0].busted = true;
    expect(rules(reversed)).toContain('FILLS_EQUAL');

    const repriced = copy();
    repriced.journal.fills[0].price = '1';
    expect(rules(repriced)).toEqual(['FILLS_EQUAL']);

    const invented = copy();
    invented.journal.fills.push({ ...invented.journal.fills[0], fillId: 'never-made' });
    expect(rules(invented)).toEqual(['FILLS_EQUAL']);
  });

  it('catches an order whose state, reason or filled size (in the journal or the report) is not the venue\'s, or that only one side knows', () => {
    const state = copy();
    state.journal.orders.find((o) => o.clientId === 'M1')!.state = 'OPEN';
    expect(rules(state)).toEqual(['ORDERS_EQUAL']);

    const live = copy();
    live.journal.orders.find((o) => o.clientId === 'L2')!.state = 'CLOSED';
    expect(rules(live)).toEqual(['ORDERS_EQUAL']);

    const reason = copy();
    reason.journal.orders.find((o) => o.clientId === 'M1')!.reason = 'ADMIN_CANCEL';
    expect(rules(reason)).toEqual(['ORDERS_EQUAL']);

    const filled = copy();
    filled.journal.orders.find((o) => o.clientId === 'L1')!.filledSize = '0';
    expect(rules(filled)).toEqual(['ORDERS_EQUAL']);

    const reported = copy();
    reported.report.orders.find((o) => o.clientId === 'M1')!.state = 'CANCELLED_BY_VENUE';
    reported.report.orders.find((o) => o.clientId === 'L2')!.state = 'UNRESOLVED';
    expect(checkObservation(reported).map((v) => v.message)).toEqual([
      'M1: the report says CANCELLED_BY_VENUE, the venue has it CLOSED with 0.02 of 0.02 filled',
      'L2: the report says UNRESOLVED, the venue has it OPEN with 0 of 0.01 filled',
    ]);

    const unknownToJournal = copy();
    unknownToJournal.journal.orders = unknownToJournal.journal.orders.filter((o) => o.clientId !== 'L2');
    expect(rules(unknownToJournal)).toEqual(['ORDERS_EQUAL']);

    const unknownToVenue = copy();
    unknownToVenue.venue.orders = unknownToVenue.venue.orders.filter((o) => o.clientId !== 'L2');
    expect(rules(unknownToVenue)).toEqual(['ORDERS_EQUAL']);
  });

  it('catches a reversal or a vanished order with neither bust nor rollback in the schedule, and a reversal of a fill that stands', () => {
    const standingFill = base.venue.fills[0].id;
    const reversal = copy();
    reversal.findings.push(finding('FILL_REVERSED', base.scenario.until, { fillId: 'gone-fill' }));
    expect(rules(reversal)).toEqual(['NO_UNCAUSED_REVERSAL']);

    const vanished = copy();
    vanished.findings.push(finding('ORDER_VANISHED', base.scenario.until));
    expect(rules(vanished)).toEqual(['NO_UNCAUSED_REVERSAL']);

    const rollbackIncident = copy();
    rollbackIncident.report.incidents.push({ id: 'I99', kind: 'ROLLBACK', market: MARKET, openedAt: '', detectedAt: '', closedAt: null, clientIds: [], evidence: [], summary: 'put there by the test' });
    expect(rules(rollbackIncident)).toEqual(['NO_UNCAUSED_REVERSAL']);

    // With a bust in the schedule a reversal may be told, but not of a fill that still stands.
    const busted = copy();
    const bust: ScenarioStep = { index: 99, offset: '00:01:00', at: base.scenario.start + 60_000, actor: 'venue', action: { kind: 'bustFill', clientId: 'M1' } };
    busted.scenario.steps.push(bust);
    busted.findings.push(finding('FILL_REVERSED', base.scenario.until, { fillId: 'gone-fill' }));
    expect(rules(busted)).toEqual([]);
    busted.findings.push(finding('FILL_REVERSED', base.scenario.until, { fillId: standingFill }));
    expect(rules(busted)).toEqual(['NO_UNCAUSED_REVERSAL']);
  });

  it('catches a venue bust of a journalled fill that no FILL_REVERSED names', () => {
    const obs = copy();
    const fill = obs.venue.fills.find((f) => f.clientId === 'L1')!;
    fill.busted = true;
    const found = checkObservation(obs);
    expect(found.filter((v) => v.rule === 'BUSTS_TOLD').map((v) => v.message)).toEqual([expect.stringContaining(fill.id)]);
    obs.findings.push(finding('FILL_REVERSED', obs.scenario.until, { fillId: fill.id }));
    expect(rules(obs)).not.toContain('BUSTS_TOLD');
  });

  it('catches a position drift found on the closing reconcile, not one found before it', () => {
    const reconcileAt = base.scenario.steps.at(-1)!.at;
    const before = copy();
    before.findings.push(finding('POSITION_DRIFT', reconcileAt - 1));
    expect(rules(before)).toEqual([]);
    const after = copy();
    after.findings.push(finding('POSITION_DRIFT', reconcileAt));
    expect(rules(after)).toEqual(['NO_DRIFT_AT_END']);
  });

  it('catches a priced claim item on a fill that does not stand, and lets one on a standing fill through', () => {
    const item = { kind: 'UNEXPECTED_TRIGGER' as const, amount: '12.5', basis: 'put there by the test', evidence: [], incident: 'I1' };
    const standing = copy();
    standing.report.claims.push({ items: [{ ...item, clientId: 'L1' }], total: '12.5' });
    expect(rules(standing)).toEqual([]);
    const reversed = copy();
    const fill = reversed.venue.fills.find((f) => f.clientId === 'L1')!;
    fill.busted = true;
    reversed.findings.push(finding('FILL_REVERSED', base.scenario.until, { fillId: fill.id }));
    reversed.scenario.steps.push({ index: 99, offset: '00:01:00', at: base.scenario.start + 60_000, actor: 'venue', action: { kind: 'bustFill', clientId: 'L1' } });
    reversed.report.claims.push({ items: [{ ...item, clientId: 'L1' }], total: '12.5' });
    expect(rules(reversed)).toContain('CLAIMS_ON_STANDING_FILLS');
  });
});
