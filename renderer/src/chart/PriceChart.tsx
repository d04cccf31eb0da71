import { useEffect, useRef, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { IncidentView } from '../../../shared/incidents';
import { fillMarkers, incidentMarkers } from './chart-markers';
import { PriceChartModel } from './price-chart-model';

/** Fills are re-read from the journal at most this often while snapshots say something changed. */
const FILL_REFRESH_MS = 2000;

/**
 * React only mounts the chart; ticks go straight to the model and never re-render React. Fill
 * markers follow the journal (refreshed when a snapshot arrives); incident markers follow the
 * incident list, which changes rarely.
 */
export function PriceChart({ api, market, incidents }: { api: BlackboxApi; market: string; incidents: IncidentView[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [model, setModel] = useState<PriceChartModel | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const chart = new PriceChartModel(container.current);
    setModel(chart);
    let live = true;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshFills = () => {
      refreshTimer = null;
      void api.queryJournal({ kind: 'FILL', market, limit: 500 }).then((page) => {
        if (live && page.ok) chart.setFillMarkers(fillMarkers(page.value.events));
      });
    };
    const unsubscribePrice = api.on('price', (tick) => {
      if (tick.market === market) chart.push(tick);
    });
    const unsubscribeSnapshot = api.on('snapshot', () => {
      refreshTimer ??= setTimeout(refreshFills, FILL_REFRESH_MS);
    });
    void api.getPriceHistory({ market, limit: 2000 }).then((history) => {
      if (live && history.ok) chart.setHistory(history.value);
    });
    refreshFills();
    return () => {
      live = false;
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      unsubscribePrice();
      unsubscribeSnapshot();
      chart.dispose();
      setModel(null);
    };
  }, [api, market]);

  useEffect(() => {
    model?.setIncidentMarkers(incidentMarkers(incidents, market));
  }, [model, incidents, market]);

  return <div className="chart" ref={container} data-testid="price-chart" data-market={market} />;
}
