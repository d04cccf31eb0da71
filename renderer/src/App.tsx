import { useEffect, useState } from 'react';
import { CANDLE_INTERVALS, type CandleInterval } from '../../shared/chart';
import type { BlackboxApi } from '../../shared/contract';
import type { TerminalSnapshot } from '../../shared/snapshot';
import { AccountPanel, AccountSummary } from './account/AccountPanel';
import { rulesOf } from './account/market-rules';
import { PriceChart } from './chart/PriceChart';
import { ClaimsTab } from './claims/ClaimsTab';
import { IncidentsTab } from './incidents/IncidentsTab';
import { openCount } from './incidents/merge-incident';
import { JournalTab } from './journal/JournalTab';
import { KeyboardShortcuts } from './keyboard/KeyboardShortcuts';
import { StatusBanner } from './layout/StatusBanner';
import { StatusBar } from './layout/StatusBar';
import { Tabs } from './layout/Tabs';
import { ReplayControl } from './replay/ReplayControl';
import { RiskSettingsTab } from './settings/RiskSettingsTab';
import { TsaSettingsPanel } from './settings/TsaSettingsPanel';
import { useVenueSettings, type VenueSettingsControl } from './settings/use-venue-settings';
import { VenueAccountsPanel } from './settings/VenueAccountsPanel';
import { useIncidents } from './state/use-incidents';
import { useSnapshot } from './state/use-snapshot';
import { OrdersTable } from './tables/OrdersTable';
import { OrderTicket } from './ticket/OrderTicket';

export function App({ api }: { api: BlackboxApi }) {
  const { snapshot, error } = useSnapshot(api);
  // Kept above the session, which a switch of account rebuilds: the switch still running and the tab the trader is on survive it.
  const venueSettings = useVenueSettings(api, snapshot?.venue.account);
  const tab = useState('positions');
  if (error) return <p className="fatal">Cannot reach the terminal: {error}</p>;
  if (!snapshot) return <p className="loading">Connecting to the terminal…</p>;
  // A replay or another venue account swaps what main shows: everything below starts afresh from the new source.
  const session = snapshot.session.kind === 'replay' ? `replay:${snapshot.session.scenario}` : `live:${snapshot.venue.account}`;
  return <Session key={session} api={api} snapshot={snapshot} venueSettings={venueSettings} tab={tab} />;
}

interface SessionProps {
  api: BlackboxApi;
  snapshot: TerminalSnapshot;
  venueSettings: VenueSettingsControl;
  tab: [string, (id: string) => void];
}

function Session({ api, snapshot, venueSettings, tab }: SessionProps) {
  const incidents = useIncidents(api);
  const { watchOnly } = snapshot.venue;
  const [market, setMarket] = useState<string | null>(null);
  const [interval, setCandleInterval] = useState<CandleInterval>('1m');
  useEffect(() => {
    if (!market && snapshot.markets.length) setMarket(snapshot.markets[0].symbol);
  }, [market, snapshot]);

  return (
    <div className="app">
      <StatusBar api={api} snapshot={snapshot} />
      <ReplayControl api={api} session={snapshot.session} />
      <StatusBanner venue={snapshot.venue} incidents={incidents} link={snapshot.link} />
      <KeyboardShortcuts />
      <main className="workspace">
        <section className="chart-pane">
          <div className="chart-toolbar">
            <select aria-label="Market" value={market ?? ''} onChange={(e) => setMarket(e.target.value)}>
              {snapshot.markets.map((m) => (
                <option key={m.symbol}>{m.symbol}</option>
              ))}
            </select>
            <span className="intervals" role="radiogroup" aria-label="Candle interval">
              {CANDLE_INTERVALS.map((i) => (
                <button type="button" key={i} role="radio" aria-checked={interval === i} onClick={() => setCandleInterval(i)}>{i}</button>
              ))}
            </span>
            <span className="legend mark">mark</span>
            <span className="legend reference">reference</span>
            <span className="legend band">band</span>
            <span className="legend-marker fill">▲▼ fills</span>
            <span className="legend-marker liquidation">■ liquidations</span>
            <span className="legend-marker incident">● incidents</span>
          </div>
          <div className="account-strip">
            <AccountSummary snapshot={snapshot} />
          </div>
          {market && (
            <PriceChart
              key={`${market}|${interval}`}
              api={api} market={market} interval={interval} tick={rulesOf(snapshot, market)?.tickSize ?? null}
              incidents={incidents} orders={snapshot.openOrders}
            />
          )}
        </section>
        {market && <OrderTicket key={market} api={api} market={market} watchOnly={watchOnly} rules={rulesOf(snapshot, market)} />}
        <Tabs
          selected={tab}
          tabs={[
            { id: 'positions', title: 'Positions', badge: snapshot.positions.length, render: () => <AccountPanel api={api} snapshot={snapshot} /> },
            { id: 'orders', title: 'Open orders', badge: snapshot.openOrders.length, render: () => <OrdersTable api={api} orders={snapshot.openOrders} watchOnly={watchOnly} markets={snapshot.markets} /> },
            { id: 'incidents', title: 'Incidents', badge: openCount(incidents), render: () => <IncidentsTab api={api} incidents={incidents} /> },
            { id: 'claims', title: 'Claims', render: () => <ClaimsTab api={api} /> },
            { id: 'journal', title: 'Journal', render: () => <JournalTab api={api} account={snapshot.venue.accountId} /> },
            {
              id: 'settings',
              title: 'Settings',
              render: () => (
                <>
                  <VenueAccountsPanel control={venueSettings} />
                  {market && <RiskSettingsTab api={api} market={market} />}
                  <TsaSettingsPanel api={api} />
                </>
              ),
            },
          ]}
        />
      </main>
    </div>
  );
}
