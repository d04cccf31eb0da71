import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import { barOf, fillMarks, incidentMarks } from './chart-markers';

const fill = (seq: number, at: number, venueAt: number | null, payload: object): JournalEvent => ({
  seq, at, venueAt, venue: 'sim', kind: 'FILL', market: 'BTC-USD-PERP', clientId: 'c1', venueOrderId: null, payload, raw: null, prevHash: '', hash: '',
} as JournalEvent);

const incident = (id: string, market: string | null, openedAt: number, closedAt: number | null): IncidentView => ({
  id, kind: 'UNEXPECTED_LIQUIDATION', market, openedAt, detectedAt: openedAt, closedAt, clientIds: [], evidence: [], findings: [], reversedBy: null,
} as IncidentView);

describe('chart marks', () => {
  it('puts fills at the venue’s time and their own price, with short labels and the whole line for the legend', () => {
    const marks = fillMarks([
      fill(1, 10_000, 9_500, { side: 'BUY', price: '95000', size: '0.5', fillType: 'FILL' }),
      fill(2, 20_500, null, { side: 'SELL', price: '61000', size: '0.5', fillType: 'LIQUIDATION' }),
    ]);
    expect(marks.map((m) => [m.at, m.kind, m.price, m.label])).toEqual([[9_500, 'buy', '95000', 'B 0.5'], [20_500, 'liquidation', '61000', 'LIQ 0.5']]);
    expect(marks[1].detail).toBe('liquidation sell 0.5 @ 61000 · 1970-01-01 00:00:20 UTC');
  });

  it('marks incident windows of this market and of all markets, opening and close', () => {
    const marks = incidentMarks([incident('I1', null, 5_000, 9_000), incident('I2', 'ETH-USD-PERP', 1_000, null), incident('I3', 'BTC-USD-PERP', 7_000, null)], 'BTC-USD-PERP');
    expect(marks.map((m) => [m.id, m.at, m.label])).toEqual([['I1-open', 5_000, 'I1'], ['I1-close', 9_000, 'I1 end'], ['I3-open', 7_000, 'I3']]);
  });

  it('places a moment on the start of its own bar', () => {
    expect(barOf(Date.UTC(2026, 0, 19, 4, 27, 54), 60_000)).toBe(Date.UTC(2026, 0, 19, 4, 27) / 1000);
    expect(barOf(Date.UTC(2026, 0, 19, 4, 27, 54), 3_600_000)).toBe(Date.UTC(2026, 0, 19, 4) / 1000);
  });
});
