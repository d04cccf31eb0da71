/**
 * A gap the journal itself explains (the app was closed): the venue liquidated meanwhile. After
 * the restart the fill is caught up over REST (journalled once, source rest), the independent
 * price at that minute is backfilled from the sources' public 1-minute candles and kept as
 * backfilled samples, and the liquidation is judged against it — a catch-up, not a discovery.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../journal/journal';
import { parseScenario } from '../scenario/parse';
import { runReplay } from './run-replay';

/** Replays a bundled scenario into a journal file the test can open afterwards. */
async function replayed(file: string) {
  const parsed = parseScenario(readFileSync(join(import.meta.dirname, '../../../scenarios', file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const journalPath = join(mkdtempSync(join(tmpdir(), 'bb-catch-up-')), 'journal.db');
  return { report: await runReplay(parsed.value, { journalPath }), journalPath };
}

describe('a liquidation while the app was closed', () => {
  it('is caught up, valued at the backfilled independent price, judged and claimed', async () => {
    const { report, journalPath } = await replayed('restart-app-closed-liquidation.json');

    expect(report.incidents.map((i) => [i.kind, i.clientIds])).toEqual([['UNEXPECTED_LIQUIDATION', ['liq-1']]]);
    expect(report.claims.map((c) => c.total)).toEqual(['10187.5']);
    expect(report.positions).toEqual([{ market: 'BTC-USD-PERP', journal: '0', venue: '0' }]);

    const journal = Journal.openReadOnly(journalPath);
    const fills = journal.query({ kind: 'FILL', limit: 10 }).events.map((e) => [e.clientId, (e.payload as { fillType: string; source: string }).fillType, (e.payload as { source: string }).source]);
    expect(fills).toEqual([['L1', 'FILL', 'ws'], ['liq-1', 'LIQUIDATION', 'rest']]);
    const backfilled = journal.query({ kind: 'PRICE_SAMPLE', search: '"backfilled":true', limit: 10 }).events;
    expect(backfilled.map((e) => (e.payload as { source: string }).source).sort()).toEqual(['binance', 'coinbase', 'kraken']);
    const incident = report.incidents[0];
    for (const sample of backfilled) expect(incident.evidence).toContain(sample.seq);
    expect((await journal.verify()).verified).toBe(true);
    journal.close();
  }, 60_000);
});

describe('a reconcile in the same instant as a liquidation', () => {
  it('journals the fill once and judges it once, with no FILL_DISCOVERED and no POSITION_DRIFT', async () => {
    const { report, journalPath } = await replayed('same-instant-liquidation-and-reconcile.json');
    expect(report.incidents.map((i) => i.kind)).toEqual(['PRICE_DIVERGENCE', 'UNEXPECTED_LIQUIDATION']);
    expect(report.positions).toEqual([{ market: 'BTC-USD-PERP', journal: '0', venue: '0' }]);
    const journal = Journal.openReadOnly(journalPath);
    expect(journal.query({ kind: 'FILL', limit: 10 }).events.map((e) => e.clientId)).toEqual(['L1', 'liq-1']);
    journal.close();
  }, 60_000);
});
