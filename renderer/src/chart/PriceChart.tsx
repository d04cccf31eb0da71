import { useEffect, useState } from 'react';
import type { CandleInterval } from '../../../shared/chart';
import type { BlackboxApi } from '../../../shared/contract';
import type { IncidentView } from '../../../shared/incidents';
import type { OrderView } from '../../../shared/snapshot';
import { fillMarks, incidentMarks } from './chart-markers';
import { PriceChartModel } from './price-chart-model';

/** Fills are re-read from the journal at most this often while snapshots say something changed. */
const FILL_REFRESH_MS = 2000;
const HISTORY_BARS = 500;

/**
 * React only mounts the chart; ticks go straight to the model and never re-render React. Candles
 * come from main (the journal's samples) and scroll back on demand; fill marks follow the journal
 * (refreshed when a snapshot arrives); incident marks and order lines follow their lists.
 */
export function PriceChart({ api, market, interval, tick, incidents, orders }: {
  api: BlackboxApi;
  market: string;
  interval: CandleInterval;
  tick: string | null;
  incidents: IncidentView[];
  orders: OrderView[];
}) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [model, setModel] = useState<PriceChartModel | null>(null);

  useEffect(() => {
    if (!container) return;
    let live = true;
    const loadOlder = async (before: number) => {
      const page = await api.getChartHistory({ market, interval, before, limit: HISTORY_BARS });
      return live && page.ok ? page.value : null;
    };
    const chart = new PriceChartModel(container, interval, tick, loadOlder);
    setModel(chart);
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshFills = () => {
      refreshTimer = null;
      void api.queryJournal({ kind: 'FILL', market, limit: 500 }).then((page) => {
        if (live && page.ok) chart.setMarks('fills', fillMarks(page.value.events));
      });
    };
    const unsubscribePrice = api.on('price', (t) => {
      if (t.market === market) chart.push(t);
    });
    const unsubscribeSnapshot = api.on('snapshot', () => {
      refreshTimer ??= setTimeout(refreshFills, FILL_REFRESH_MS);
    });
    void api.getChartHistory({ market, interval, limit: HISTORY_BARS }).then((history) => {
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
  }, [api, container, market, interval, tick]);

  useEffect(() => {
    model?.setMarks('incidents', incidentMarks(incidents, market));
  }, [model, incidents, market]);

  useEffect(() => {
    model?.setOrders(orders.filter((o) => o.market === market));
  }, [model, orders, market]);

  return <div className="chart" ref={setContainer} data-testid="price-chart" data-market={market} data-interval={interval} />;
}
