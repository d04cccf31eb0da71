import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/incidents';
import { ClaimBook } from '../claims/claim-book';
import { VirtualClock } from '../clock';
import { Journal } from '../journal/journal';
import { journalPorts } from '../terminal/journal-ports';
import { IncidentBook } from './incident-book';
import { claimsFromJournal, incidentsFromJournal } from './restore-history';

const liquidation = (at: number): Finding => ({
  kind: 'UNEXPECTED_LIQUIDATION', market: 'BTC-USD-PERP', clientIds: ['liq-1'], at, detectedAt: at, evidence: [1],
  summary: 'liquidated', detail: { fillId: 'f1', side: 'SELL', price: '81000', size: '0.5', fee: '202.5', reference: '95600' },
});
const divergence = (at: number): Finding => ({
  kind: 'PRICE_DIVERGENCE', market: 'BTC-USD-PERP', clientIds: [], at, detectedAt: at, evidence: [2], summary: 'diverging', detail: {},
});

describe('incidents and claims after a restart', () => {
  it('come back from the journal as they were, with open episodes closed at the restart', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bb-restore-')), 'journal.db');
    const clock = new VirtualClock(1_000_000);
    const first = Journal.open(path, { clock });
    const ports = journalPorts(first, 'sim:local:A');
    const book = new IncidentBook(ports, 'paradex');
    const liq = book.add(liquidation(1_000_000));
    book.add(divergence(1_000_000));
    const claims = new ClaimBook(ports, 'paradex', () => clock.now());
    const claim = claims.create([liq]);
    claims.update({ id: claim.id, status: 'submitted' });
    claims.update({ id: claim.id, note: 'ticket #42' });
    first.close();

    clock.advanceTo(2_000_000);
    const second = Journal.open(path, { clock });
    const restored = incidentsFromJournal(second, 'sim:local:A');
    expect(restored.map((i) => [i.id, i.kind, i.closedAt])).toEqual([['I1', 'UNEXPECTED_LIQUIDATION', 1_000_000], ['I2', 'PRICE_DIVERGENCE', null]]);
    const again = new IncidentBook(journalPorts(second, 'sim:local:A'), 'paradex');
    again.restore(restored, clock.now());
    expect(again.list()[1].closedAt).toBe(2_000_000);
    expect(again.add(liquidation(2_000_000)).id).toBe('I3');
    expect(claimsFromJournal(second, 'sim:local:A').claims).toEqual([{ ...claim, status: 'submitted', note: 'ticket #42', history: [{ status: 'draft', at: 1_000_000 }, { status: 'submitted', at: 1_000_000 }] }]);
    // Another account on the same journal sees none of it.
    expect(incidentsFromJournal(second, 'sim:local:B')).toEqual([]);
    expect(claimsFromJournal(second, 'sim:local:B').claims).toEqual([]);
    second.close();
  });
});
