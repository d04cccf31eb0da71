import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../shared/contract';
import { PriceChart } from './chart/PriceChart';
import { JournalTab } from './journal/JournalTab';
import { StatusBar } from './layout/StatusBar';
import { Tabs } from './layout/Tabs';
import { useSnapshot } from './state/use-snapshot';
import { OrdersTable } from './tables/OrdersTable';
import { PositionsTable } from './tables/PositionsTable';
import { OrderTicket } from './ticket/OrderTicket';

export function App({ api }: { api: BlackboxApi }) {
  const { snapshot, error } = useSnapshot(api);
  const [market, setMarket] = useState<string | null>(null);
  useEffect(() => {
    if (!market && snapshot?.markets.length) setMarket(snapshot.markets[0].symbol);
  }, [market, snapshot]);

  if (error) return <p className="fatal">Cannot reach the terminal: {error}</p>;
  if (!snapshot) return <p className="loading">Connecting to the terminal…</p>;

  return (
    <div className="app">
      <StatusBar snapshot={snapshot} />
      <main className="workspace">
        <section className="chart-pane">
          <div className="chart-toolbar">
            <select aria-label="Market" value={market ?? ''} onChange={(e) => setMarket(e.target.value)}>
              {snapshot.markets.map((m) => (
                <option key={m.symbol}>{m.symbol}</option>
              ))}
            </select>
            <span className="legend mark">venue mark</span>
            <span className="legend reference">independent reference</span>
          </div>
          {market && <PriceChart api={api} market={market} />}
        </section>
        {market && <OrderTicket key={market} api={api} market={market} />}
        <Tabs
          tabs={[
            { id: 'positions', title: 'Positions', badge: snapshot.positions.length, render: () => <PositionsTable positions={snapshot.positions} /> },
            { id: 'orders', title: 'Open orders', badge: snapshot.openOrders.length, render: () => <OrdersTable orders={snapshot.openOrders} onCancel={(clientId) => void api.cancelOrder({ clientId })} /> },
            { id: 'journal', title: 'Journal', render: () => <JournalTab api={api} /> },
          ]}
        />
      </main>
    </div>
  );
}
