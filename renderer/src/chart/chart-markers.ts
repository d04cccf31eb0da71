/**
 * What the chart marks besides prices: our fills at their own time and price (liquidations stand
 * out) and incident windows (where each opened and closed). Labels are a few characters so they
 * stay inside the pane; the crosshair legend gives the whole line.
 */
import type { JournalEvent } from '../../../shared/domain';
import { formatDateTime, formatWord } from '../../../shared/format';
import type { IncidentView } from '../../../shared/incidents';

export interface ChartMark {
  id: string;
  /** When it happened, ms (the venue's time where it gave one). */
  at: number;
  kind: 'buy' | 'sell' | 'liquidation' | 'incident';
  /** Where on the price axis, for fills; null for incidents (drawn above the bar). */
  price: string | null;
  label: string;
  detail: string;
  color: string;
}

const LIQUIDATIONS = new Set(['LIQUIDATION', 'DELEVERAGE', 'OFFSETTING']);

interface FillPayload {
  side: 'BUY' | 'SELL';
  price: string;
  size: string;
  fillType: string;
}

export function fillMarks(fills: readonly JournalEvent[]): ChartMark[] {
  return fills.map((event) => {
    const fill = event.payload as FillPayload;
    const at = event.venueAt ?? event.at;
    const when = formatDateTime(at);
    if (LIQUIDATIONS.has(fill.fillType)) {
      return { id: `fill-${event.seq}`, at, kind: 'liquidation', price: fill.price, color: '#f85149', label: `LIQ ${fill.size}`, detail: `${formatWord(fill.fillType)} ${fill.side.toLowerCase()} ${fill.size} @ ${fill.price} · ${when}` };
    }
    const buy = fill.side === 'BUY';
    return { id: `fill-${event.seq}`, at, kind: buy ? 'buy' : 'sell', price: fill.price, color: buy ? '#3fb950' : '#f0883e', label: `${buy ? 'B' : 'S'} ${fill.size}`, detail: `fill ${buy ? 'buy' : 'sell'} ${fill.size} @ ${fill.price} · ${when}` };
  });
}

/** An incident in this market (or one spanning markets) marks its opening and, once over, its close. */
export function incidentMarks(incidents: readonly IncidentView[], market: string): ChartMark[] {
  return incidents
    .filter((i) => i.market === null || i.market === market)
    .flatMap((i): ChartMark[] => {
      const color = i.reversedBy ? '#8b949e' : '#d29922';
      const open: ChartMark = { id: `${i.id}-open`, at: i.openedAt, kind: 'incident', price: null, color, label: i.id, detail: `${i.id} ${formatWord(i.kind)} opened · ${formatDateTime(i.openedAt)}` };
      if (i.closedAt === null) return [open];
      return [open, { id: `${i.id}-close`, at: i.closedAt, kind: 'incident', price: null, color, label: `${i.id} end`, detail: `${i.id} ${formatWord(i.kind)} over · ${formatDateTime(i.closedAt)}` }];
    });
}

/** The start of the bar a moment falls in, in chart seconds: a mark sits on its own bar, never elsewhere. */
export const barOf = (at: number, intervalMs: number) => Math.floor(at / intervalMs) * (intervalMs / 1000);
