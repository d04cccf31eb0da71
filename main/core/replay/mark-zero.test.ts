/**
 * A venue mark of $0 through the whole core (Paradex showed $0 prices in Jan 2026): the report,
 * the divergence, the band, the trigger judgement, the claim and the chart all take it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChartHistory } from '../../../shared/chart';
import { parseScenario } from '../scenario/parse';
import { chartHistory } from '../terminal/chart-history';
import { runReplay } from './run-replay';

describe('replay of venue-mark-zero', () => {
  it('diverges, refuses risk, claims the stop fired at 0 against the independent price, and charts the 0', async () => {
    const parsed = parseScenario(readFileSync(join(import.meta.dirname, '../../../scenarios/venue-mark-zero.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    let chart: ChartHistory | null = null;
    const report = await runReplay(parsed.value, {
      onFinished: async (session) => {
        chart = chartHistory(session.journal, { market: 'BTC-USD-PERP', interval: '1m', limit: 10 }, '0.005');
      },
    });
    expect(report.journal.verified).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
    expect(Object.fromEntries(report.orders.map((o) => [o.clientId, o.state]))).toEqual({ L1: 'FILLED', SL1: 'FILLED', B1: 'DENIED' });
    expect(report.orders.find((o) => o.clientId === 'B1')?.reason).toBe('venue mark 0 is 100 % from the independent price 95000 (limit 2 %)');
    expect(report.incidents.map((i) => i.kind)).toEqual(['PRICE_DIVERGENCE', 'UNEXPECTED_TRIGGER']);
    expect(report.claims.map((c) => [c.items.map((i) => [i.kind, i.clientId, i.amount]), c.total])).toEqual([[[['UNEXPECTED_TRIGGER', 'SL1', '9500']], '9500']]);
    expect(report.positions).toEqual([{ market: 'BTC-USD-PERP', journal: '0', venue: '0' }]);

    const candles = chart!.candles;
    expect(candles.find((c) => c.time === parsed.value.start + 60_000)).toMatchObject({ low: '0', reference: '95000' });
    expect(JSON.stringify(candles)).not.toMatch(/NaN|Infinity/);
  }, 60_000);
});
