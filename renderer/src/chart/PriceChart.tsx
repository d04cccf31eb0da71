import { useEffect, useRef } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import { PriceChartModel } from './price-chart-model';

/** React only mounts the chart; ticks go straight to the model and never re-render React. */
export function PriceChart({ api, market }: { api: BlackboxApi; market: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!container.current) return;
    const model = new PriceChartModel(container.current);
    let live = true;
    const unsubscribe = api.on('price', (tick) => {
      if (tick.market === market) model.push(tick);
    });
    void api.getPriceHistory({ market, limit: 2000 }).then((history) => {
      if (live && history.ok) model.setHistory(history.value);
    });
    return () => {
      live = false;
      unsubscribe();
      model.dispose();
    };
  }, [api, market]);

  return <div className="chart" ref={container} data-testid="price-chart" data-market={market} />;
}
