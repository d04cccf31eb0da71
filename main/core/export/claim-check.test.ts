/** Claim recomputation on hand-made records: the fill's loss at the sources' median, repricing, forgeries. */
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import { recomputeClaim } from './claim-check';

const T = Date.parse('2026-01-19T12:12:00Z');
const M = 'BTC-USD-PERP';
const ACCOUNT = 'paradex:mainnet:0xabc';

function record(seq: number, at: number, fields: Partial<JournalEvent>): JournalEvent {
  return {
    seq, at, venueAt: null, account: ACCOUNT, venue: 'paradex', kind: 'NOTE', market: M, clientId: null, venueOrderId: null,
    payload: {}, raw: null, prevHash: '0'.repeat(64), hash: '1'.repeat(64), chainVersion: 2, ...fields,
  };
}

const sample = (seq: number, source: string, price: string) =>
  record(seq, T - 1_000, { venue: 'reference', kind: 'PRICE_SAMPLE', payload: { source, price, receivedAt: T - 1_000 } });
const records = [
  sample(1, 'binance', '95590'), sample(2, 'coinbase', '95600'), sample(3, 'kraken', '95610'),
  record(4, T, { kind: 'FILL', clientId: 'liq-2', payload: { fillId: 'f-9', side: 'SELL', price: '81000', size: '0.5', fee: '202.5', liquidity: 'TAKER', fillType: 'LIQUIDATION' } }),
];
const incident = { id: 'I8', kind: 'UNEXPECTED_LIQUIDATION', reversedBy: null, clientIds: ['liq-2'], evidence: [1, 2, 3, 4], openedAt: T, detectedAt: T, closedAt: T } as unknown as IncidentView;
const item = { kind: 'UNEXPECTED_LIQUIDATION' as const, clientId: 'liq-2', amount: '7502.5', basis: 'b', evidence: [1, 2, 3, 4], incident: 'I8' };
const claim: Claim = { items: [item], total: '7502.5' };
const created = (c: Claim) => record(5, T + 1, { kind: 'CLAIM_CREATED', venue: 'paradex', payload: { claim: { id: 'C1', ...c } } });

describe('recomputeClaim', () => {
  it('finds nothing wrong with a claim its records give, as journalled', () => {
    expect(recomputeClaim(claim, [incident], records, created(claim))).toEqual([]);
  });

  it('names an amount its FILL and reference records do not give', () => {
    const inflated: Claim = { items: [{ ...item, amount: '9000' }], total: '9000' };
    expect(recomputeClaim(inflated, [incident], records, null)).toEqual([
      'item 1 (UNEXPECTED_LIQUIDATION liq-2) claims 9000, but its FILL record (seq 4: SELL 0.5 at 81000, fee 202.5) against the independent price 95600 gives 7502.5',
    ]);
  });

  it('checks against the CLAIM_UPDATED that repriced the claim, where an item claiming nothing is allowed', () => {
    const repriced: Claim = { items: [{ ...item, amount: null }], total: '0' };
    const update = record(6, T + 2, { kind: 'CLAIM_UPDATED', payload: { id: 'C1', items: repriced.items, total: '0', previousTotal: '7502.5' } });
    expect(recomputeClaim(repriced, [incident], records, update)).toEqual([]);
    expect(recomputeClaim(repriced, [incident], records, created(claim))).toEqual(['the claim is not the one journalled at seq 5 (CLAIM_CREATED: 1 items, total 7502.5)']);
  });
});
