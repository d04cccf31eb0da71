/**
 * What the chart marks besides prices: our fills (liquidations stand out) and incident windows
 * (where each opened and closed). Plain data, so the model just hands it to lightweight-charts.
 */
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';

export type ChartMarker = SeriesMarker<UTCTimestamp>;

const toTime = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;
const LIQUIDATIONS = new Set(['LIQUIDATION', 'DELEVERAGE']);

interface FillPayload {
  side: 'BUY' | 'SELL';
  price: string;
  size: string;
  fillType: string;
}

export function fillMarkers(fills: readonly JournalEvent[]): ChartMarker[] {
  return fills.map((event) => {
    const fill = event.payload as FillPayload;
    const time = toTime(event.venueAt ?? event.at);
    if (LIQUIDATIONS.has(fill.fillType)) {
      return { id: `fill-${event.seq}`, time, position: 'aboveBar', shape: 'square', color: '#f85149', text: `${fill.fillType} ${fill.size}@${fill.price}` };
    }
    const buy = fill.side === 'BUY';
    return {
      id: `fill-${event.seq}`, time, position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? '#3fb950' : '#f0883e', text: `${buy ? 'B' : 'S'} ${fill.size}@${fill.price}`,
    };
  });
}

/** An incident in this market (or one spanning markets) marks its opening and, once over, its close. */
export function incidentMarkers(incidents: readonly IncidentView[], market: string): ChartMarker[] {
  return incidents
    .filter((i) => i.market === null || i.market === market)
    .flatMap((i): ChartMarker[] => {
      const color = i.reversedBy ? '#8b949e' : '#d29922';
      const open: ChartMarker = { id: `${i.id}-open`, time: toTime(i.openedAt), position: 'aboveBar', shape: 'circle', color, text: `${i.id} ${i.kind}` };
      if (i.closedAt === null || toTime(i.closedAt) === open.time) return [open];
      return [open, { id: `${i.id}-close`, time: toTime(i.closedAt), position: 'aboveBar', shape: 'circle', color, text: `${i.id} over` }];
    });
}

/** lightweight-charts wants markers in time order. */
export const sortMarkers = (markers: ChartMarker[]) => [...markers].sort((a, b) => a.time - b.time);
