import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import { fillMarkers, incidentMarkers, sortMarkers } from './chart-markers';

const fill = (seq: number, at: number, payload: object): JournalEvent => ({
  seq, at, venueAt: null, venue: 'sim', kind: 'FILL', market: 'BTC-USD-PERP', clientId: 'c1', venueOrderId: null, payload, raw: null, prevHash: '', hash: '',
});

const incident = (id: string, market: string | null, openedAt: number, closedAt: number | null): IncidentView => ({
  id, kind: 'HEIGHT_STALL', market, openedAt, detectedAt: openedAt, closedAt, clientIds: [], evidence: [], findings: [], reversedBy: null,
});

describe('chart markers', () => {
  it('marks buys below, sells above and liquidations as red squares', () => {
    const markers = fillMarkers([
      fill(1, 10_000, { side: 'BUY', price: '95000', size: '0.5', fillType: 'FILL' }),
      fill(2, 20_500, { side: 'SELL', price: '61000', size: '0.5', fillType: 'LIQUIDATION' }),
    ]);
    expect(markers).toEqual([
      { id: 'fill-1', time: 10, position: 'belowBar', shape: 'arrowUp', color: '#3fb950', text: 'B 0.5@95000' },
      { id: 'fill-2', time: 20, position: 'aboveBar', shape: 'square', color: '#f85149', text: 'LIQUIDATION 0.5@61000' },
    ]);
  });

  it('marks incident windows of this market and of all markets, opening and close', () => {
    const markers = incidentMarkers([incident('I1', null, 5_000, 9_000), incident('I2', 'ETH-USD-PERP', 1_000, null), incident('I3', 'BTC-USD-PERP', 7_000, null)], 'BTC-USD-PERP');
    expect(markers.map((m) => [m.id, m.time, m.text])).toEqual([['I1-open', 5, 'I1 HEIGHT_STALL'], ['I1-close', 9, 'I1 over'], ['I3-open', 7, 'I3 HEIGHT_STALL']]);
    expect(sortMarkers(markers).map((m) => m.time)).toEqual([5, 7, 9]);
  });
});
