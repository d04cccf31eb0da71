import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import type { ReplayReport } from './report';
import { runReplay } from './run-replay';

const scenario = (name: string) => {
  const parsed = parseScenario(readFileSync(join(import.meta.dirname, '../../../scenarios', name), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

/**
 * A full replay takes seconds on an idle machine and two minutes on a busy one (measured at load
 * 10 on two cores): each test names its own budget by how many replays it runs, and a
 * scenario's first replay is shared between its tests.
 */
const ONE_REPLAY_MS = 240_000;
const shared = new Map<string, Promise<ReplayReport>>();
const replayOnce = (name: string) => {
  if (!shared.has(name)) shared.set(name, runReplay(scenario(name)));
  return shared.get(name)!;
};

const states = (report: ReplayReport) => Object.fromEntries(report.orders.map((o) => [o.clientId, o.state]));
const kinds = (report: ReplayReport) => report.incidents.map((i) => i.kind);
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('replay of dydx-2025-10-halt through the whole core', () => {
  it('sees the halt the venue does not admit, the stale oracle, and a fair liquidation', { timeout: ONE_REPLAY_MS }, async () => {
    const report = await replayOnce('dydx-2025-10-halt.json');
    expect(report.statusTimeline.map((s) => s.status)).toEqual(['ok', 'halted', 'ok']);
    expect(states(report)).toEqual({ L1: 'FILLED', O1: 'CANCELLED_BY_VENUE', B1: 'DENIED' });
    expect(report.orders.find((o) => o.clientId === 'B1')?.reason).toMatch(/venue mark 3300 .* from the independent price/);

    const stall = report.incidents.find((i) => i.kind === 'HEIGHT_STALL');
    expect(stall?.clientIds).toEqual(['O1']);
    expect(report.incidents.some((i) => i.kind === 'STALE_VENUE_PRICE' && i.market === 'ETH-USD-PERP')).toBe(true);
    expect(kinds(report)).not.toContain('UNEXPECTED_LIQUIDATION');
    expect(kinds(report)).not.toContain('ROLLBACK');
    expect(report.claims).toEqual([]);
    for (const incident of report.incidents) expect(seconds(incident.openedAt, incident.detectedAt)).toBeLessThanOrEqual(5);
  });

  it('is deterministic to the byte', { timeout: 2 * ONE_REPLAY_MS }, async () => {
    const first = await replayOnce('dydx-2025-10-halt.json');
    const second = await runReplay(scenario('dydx-2025-10-halt.json'));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.journal.verified).toBe(true);
  });
});

describe('replay of paradex-2026-01-rollback through the whole core', () => {
  it('tells the rollback, the venue cancels and the bad liquidation apart, and claims the loss', { timeout: ONE_REPLAY_MS }, async () => {
    const report = await replayOnce('paradex-2026-01-rollback.json');
    expect(report.journal.verified).toBe(true);
    expect(report.statusTimeline.map((s) => s.status)).toEqual(['ok', 'maintenance', 'post_only', 'ok']);
    expect(states(report)).toEqual({
      L1: 'FILLED', TP1: 'CANCELLED_BY_VENUE', O1: 'CANCELLED_BY_VENUE', O2: 'CANCELLED_BY_VENUE', C1: 'VANISHED', P1: 'DENIED',
      'TP1-R': 'DENIED', 'O1-R': 'OPEN', 'O2-R': 'OPEN',
    });
    const reasons = Object.fromEntries(report.orders.map((o) => [o.clientId, o.reason]));
    expect(reasons.O1).toBe('ADMIN_CANCEL');
    expect(reasons.O2).toBe('ADMIN_CANCEL');
    expect(reasons.P1).toMatch(/venue mark 81000/);
    expect(reasons['TP1-R']).toMatch(/restored from TP1; reduce-only with no position/);

    const rollback = report.incidents.filter((i) => i.kind === 'ROLLBACK');
    expect(rollback).toHaveLength(1);
    expect(rollback[0].clientIds).toContain('C1');
    const adminCancel = report.incidents.find((i) => i.kind === 'VENUE_CANCEL' && !i.reversedBy && i.clientIds.includes('O1'));
    expect(adminCancel?.clientIds).toEqual(['O1', 'O2']);
    expect(report.incidents.some((i) => i.kind === 'PRICE_DIVERGENCE')).toBe(true);

    const liquidations = report.incidents.filter((i) => i.kind === 'UNEXPECTED_LIQUIDATION');
    expect(liquidations.map((l) => [l.openedAt, l.reversedBy ?? null])).toEqual([
      ['2026-01-19T04:33:00.000Z', rollback[0].id],
      ['2026-01-19T12:12:00.000Z', null],
    ]);
    for (const incident of report.incidents) expect(seconds(incident.openedAt, incident.detectedAt)).toBeLessThanOrEqual(5);

    expect(report.claims).toHaveLength(1);
    const [claim] = report.claims;
    expect(claim.total).toBe('7502.5');
    const priced = claim.items.filter((i) => i.amount !== null);
    expect(priced.map((i) => [i.kind, i.amount])).toEqual([['UNEXPECTED_LIQUIDATION', '7502.5']]);
    expect(claim.items.find((i) => i.clientId === 'liq-1')?.amount).toBeNull();
    const informational = claim.items.filter((i) => i.amount === null).map((i) => i.clientId);
    for (const id of ['O1', 'O2', 'TP1', 'C1']) expect(informational).toContain(id);
  });

  it('tells it the same way twice', { timeout: 2 * ONE_REPLAY_MS }, async () => {
    const report = await replayOnce('paradex-2026-01-rollback.json');
    const again = await runReplay(scenario('paradex-2026-01-rollback.json'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});

describe('replay of stop-hunt-unexpected-trigger', () => {
  it('claims a stop-loss the venue triggered while the independent price stood still', { timeout: ONE_REPLAY_MS }, async () => {
    const report = await runReplay(scenario('stop-hunt-unexpected-trigger.json'));
    expect(report.incidents.filter((i) => i.kind === 'UNEXPECTED_TRIGGER').map((i) => i.clientIds)).toEqual([['SL1']]);
    const [claim] = report.claims;
    const item = claim.items.find((i) => i.kind === 'UNEXPECTED_TRIGGER')!;
    // (95000 − fill) × 0.1 + fee, whatever the fill: the basis names both prices.
    expect(item.basis).toMatch(/while the independent price was 95000: \(95000 − 9\d{4}(\.\d+)?\) × 0\.1 \+ fee /);
    expect(new Decimal(item.amount!).gt(100)).toBe(true);
    expect(claim.total).toBe(item.amount);
  });
});
