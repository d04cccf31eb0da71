import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../shared/incidents';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../clock';
import { Journal } from '../journal/journal';
import { journalPorts } from '../terminal/journal-ports';
import { claimsFromJournal } from '../incidents/restore-history';
import { ClaimBook } from './claim-book';

function liquidation(id: string): IncidentView {
  return {
    id, kind: 'UNEXPECTED_LIQUIDATION', market: 'BTC-USD-PERP', openedAt: 1000, detectedAt: 1100, closedAt: 1100,
    clientIds: ['c1'], evidence: [7, 9], reversedBy: null,
    findings: [{
      kind: 'UNEXPECTED_LIQUIDATION', market: 'BTC-USD-PERP', clientIds: ['c1'], at: 1000, detectedAt: 1100, evidence: [7, 9],
      summary: 'liquidated above maintenance', detail: { side: 'SELL', price: '81000', reference: '95600', size: '0.5', fee: '202.5' },
    }],
  };
}

const stall: IncidentView = {
  id: 'I9', kind: 'HEIGHT_STALL', market: null, openedAt: 1, detectedAt: 2, closedAt: 3, clientIds: [], evidence: [1], reversedBy: null,
  findings: [{ kind: 'HEIGHT_STALL', market: null, clientIds: [], at: 1, detectedAt: 2, evidence: [1], summary: 'no blocks', detail: {} }],
};

/** A claim book on a real journal file; `journal()` reads back the claim records it wrote. */
function book(options: { closed?: boolean; balance?: () => string | null } = {}) {
  const clock = new VirtualClock(5000);
  const file = Journal.open(join(mkdtempSync(join(tmpdir(), 'bb-claims-')), 'journal.db'), { clock });
  if (options.closed) file.close();
  const claims = new ClaimBook(journalPorts(file, 'sim:local:test'), 'sim', () => clock.now(), options.balance);
  const journal = () => file.query({ kind: ['CLAIM_CREATED', 'CLAIM_UPDATED'], limit: 100 }).events;
  return { claims, journal, file };
}

describe('ClaimBook', () => {
  it('walks a claim from draft to refunded, journalling every step', () => {
    const { claims, journal } = book();
    const claim = claims.create([liquidation('I1')]);
    expect(claim).toMatchObject({ id: 'C1', status: 'draft', total: '7502.5', incidentIds: ['I1'], refundAmount: null });
    claims.update({ id: 'C1', status: 'submitted' });
    claims.update({ id: 'C1', note: 'ticket #4411' });
    claims.update({ id: 'C1', status: 'acknowledged' });
    const done = claims.update({ id: 'C1', status: 'refunded', refundAmount: '7000' });
    expect(done).toMatchObject({ status: 'refunded', refundAmount: '7000', note: 'ticket #4411' });
    expect(done.history.map((h) => h.status)).toEqual(['draft', 'submitted', 'acknowledged', 'refunded']);
    expect(journal().map((e) => e.kind)).toEqual(['CLAIM_CREATED', 'CLAIM_UPDATED', 'CLAIM_UPDATED', 'CLAIM_UPDATED', 'CLAIM_UPDATED']);
    expect(journal()[4].payload).toMatchObject({ id: 'C1', from: 'acknowledged', to: 'refunded', refundAmount: '7000', total: '7502.5' });
  });

  it('refuses transitions the lifecycle does not have, and changes nothing', () => {
    const { claims, journal } = book();
    claims.create([liquidation('I1')]);
    expect(() => claims.update({ id: 'C1', status: 'refunded', refundAmount: '1' })).toThrow(/draft; it cannot become refunded/);
    expect(() => claims.update({ id: 'C1', status: 'acknowledged' })).toThrow(/cannot become acknowledged/);
    claims.update({ id: 'C1', status: 'submitted' });
    claims.update({ id: 'C1', status: 'rejected' });
    expect(() => claims.update({ id: 'C1', status: 'submitted' })).toThrow(/rejected; it cannot become submitted/);
    expect(() => claims.update({ id: 'C2', status: 'submitted' })).toThrow(/no claim C2/);
    expect(claims.list()[0].status).toBe('rejected');
    expect(journal()).toHaveLength(3);
  });

  it('wants a refund amount exactly when the claim is refunded', () => {
    const { claims } = book();
    claims.create([liquidation('I1')]);
    claims.update({ id: 'C1', status: 'submitted' });
    claims.update({ id: 'C1', status: 'acknowledged' });
    expect(() => claims.update({ id: 'C1', status: 'refunded' })).toThrow(/refund amount/);
    expect(() => claims.update({ id: 'C1', note: 'x', refundAmount: '5' })).toThrow(/refund amount/);
  });

  it('refuses incidents without a loss and incidents already claimed', () => {
    const { claims } = book();
    expect(() => claims.create([stall])).toThrow(/no loss/);
    claims.create([liquidation('I1')]);
    expect(() => claims.create([liquidation('I1')])).toThrow(/I1 already belong/);
  });

  it('creates nothing when the journal cannot record it', () => {
    const { claims } = book({ closed: true });
    expect(() => claims.create([liquidation('I1')])).toThrow(/journal is closed/);
    expect(claims.list()).toEqual([]);
  });

  it('matches the refund against the balance change since submission', () => {
    let balance = '500';
    const { claims, journal } = book({ balance: () => balance });
    claims.create([liquidation('I1')]);
    claims.update({ id: 'C1', status: 'submitted' });
    claims.update({ id: 'C1', status: 'acknowledged' });
    balance = '8002.5';
    const done = claims.update({ id: 'C1', status: 'refunded', refundAmount: '7502.5' });
    expect(done.refundCheck).toEqual({ balanceChange: '7502.5', matched: true });
    expect(journal()[1].payload).toMatchObject({ balanceAtSubmission: '500' });
  });

  it('recomputes a claim when a fill it counted is reversed later, journalled, and a restart reads the new total', () => {
    const { claims, journal, file } = book();
    const first = liquidation('I1');
    const second = { ...liquidation('I2'), clientIds: ['c2'] };
    const claim = claims.create([first, second]);
    expect(claim.total).toBe('15005');
    claims.reprice([{ ...first, reversedBy: 'I3' }, second]);
    expect(claims.list()[0]).toMatchObject({ total: '7502.5' });
    expect(claims.list()[0].items.map((i) => i.amount)).toEqual([null, '7502.5']);
    const update = journal().find((e) => e.kind === 'CLAIM_UPDATED')!;
    expect(update.payload).toMatchObject({ id: 'C1', total: '7502.5', previousTotal: '15005' });
    // Nothing changed: nothing journalled.
    claims.reprice([{ ...first, reversedBy: 'I3' }, second]);
    expect(journal().filter((e) => e.kind === 'CLAIM_UPDATED')).toHaveLength(1);
    expect(claimsFromJournal(file, 'sim:local:test').claims[0].total).toBe('7502.5');
  });
});
