/**
 * Account and risk as main computed them: equity, free collateral, margin use and leverage, then
 * each position with its mark, the independent reference, uPnL, the liquidation price as the venue
 * states it and as main computes it at the reference, and funding; Close per position and Close
 * all, each a reduce-only order main sends as limit-IOC at the band edge after one confirmation.
 */
import { useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import { formatLeverage, formatMoney, formatPercent, formatPrice, formatSize } from '../../../shared/format';
import type { OrderOutcomeView } from '../../../shared/orders';
import type { PositionView, TerminalSnapshot } from '../../../shared/snapshot';
import { ConfirmButton } from '../layout/ConfirmButton';
import { rulesOf } from './market-rules';

const outcomeText = (market: string, o: OrderOutcomeView) => `Close ${market}: ${o.outcome}${o.reason ? ` — ${o.reason}` : ''}`;

export function AccountSummary({ snapshot }: { snapshot: TerminalSnapshot }) {
  const a = snapshot.account;
  const currency = a?.currency ?? 'USDC';
  return (
    <dl className="account-summary" data-testid="account-summary">
      <div><dt>Equity</dt><dd data-testid="equity">{formatMoney(a?.equity, currency)}</dd></div>
      <div><dt>Free collateral</dt><dd data-testid="free-collateral">{formatMoney(a?.freeCollateral, currency)}</dd></div>
      <div><dt>Margin use</dt><dd data-testid="margin-use">{formatPercent(a?.marginUse)}</dd></div>
      <div><dt>Leverage</dt><dd data-testid="leverage">{formatLeverage(a?.leverage)}</dd></div>
    </dl>
  );
}

export function AccountPanel({ api, snapshot }: { api: BlackboxApi; snapshot: TerminalSnapshot }) {
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { positions } = snapshot;
  const { watchOnly } = snapshot.venue;
  const currency = snapshot.account?.currency ?? 'USDC';
  const blocked = watchOnly ? 'Watching by address: positions cannot be closed from Blackbox on this account.' : undefined;

  async function close(market: string) {
    const result = await api.closePosition({ market });
    setNotice(result.ok ? { ok: result.value.outcome === 'confirmed', text: outcomeText(market, result.value) } : { ok: false, text: result.error.message });
  }
  async function closeAll() {
    const result = await api.closeAllPositions({});
    if (!result.ok) return setNotice({ ok: false, text: result.error.message });
    setNotice({ ok: result.value.every((o) => o.outcome === 'confirmed'), text: result.value.map((o) => outcomeText(o.market, o)).join(' · ') || 'Nothing to close.' });
  }

  return (
    <div className="account-panel" data-testid="account-panel">
      <div className="toolbar">
        <span className="muted">{positions.length} open · Close sends a reduce-only order main limits to the band edge (IOC)</span>
        <span className="spacer" />
        <ConfirmButton
          label="Close all"
          className="danger"
          disabled={watchOnly || positions.length === 0}
          title={blocked}
          question={`Close all ${positions.length} position${positions.length === 1 ? '' : 's'} at market (reduce-only, within the band)?`}
          confirmLabel="Close all positions"
          onConfirm={closeAll}
        />
      </div>
      {notice && <p className={notice.ok ? 'pos' : 'neg'} data-testid="positions-notice">{notice.text}</p>}
      {positions.length === 0 ? (
        <p className="empty">No open positions.</p>
      ) : (
        <table className="grid" data-testid="positions-table">
          <thead>
            <tr>
              <th>Market</th><th>Size</th><th>Entry</th><th>Mark</th><th title="Median of fresh independent public feeds">Reference</th>
              <th>uPnL</th><th>uPnL %</th><th title="As the venue states it">Liq. price</th><th title="Computed by Blackbox with positions valued at the independent reference">Liq. price at ref.</th>
              <th>Funding paid</th><th />
            </tr>
          </thead>
          <tbody>
            {positions.map((p) => (
              <PositionRow key={p.market} position={p} snapshot={snapshot} currency={currency} blocked={blocked} onClose={() => close(p.market)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function PositionRow({ position: p, snapshot, currency, blocked, onClose }: { position: PositionView; snapshot: TerminalSnapshot; currency: string; blocked?: string; onClose: () => Promise<void> }) {
  const rules = rulesOf(snapshot, p.market);
  const tick = rules?.tickSize;
  const long = !p.size.startsWith('-');
  const pnlClass = p.unrealizedPnl?.startsWith('-') ? 'neg' : 'pos';
  return (
    <tr data-testid="position-row" data-market={p.market}>
      <td>{p.market}</td>
      <td className={long ? 'pos' : 'neg'}>{formatSize(p.size, rules?.stepSize, { signed: true })}</td>
      <td>{formatPrice(p.entryPrice, tick)}</td>
      <td>{formatPrice(p.mark, tick)}</td>
      <td>{formatPrice(p.reference, tick)}</td>
      <td className={pnlClass}>{formatMoney(p.unrealizedPnl, currency, { signed: true })}</td>
      <td className={pnlClass}>{formatPercent(p.pnlFraction, { signed: true })}</td>
      <td data-testid="liq-venue">{formatPrice(p.liquidationPrice, tick)}</td>
      <td data-testid="liq-reference">{formatPrice(p.liquidationAtReference, tick)}</td>
      <td>{formatMoney(p.fundingPaid, currency)}</td>
      <td className="actions">
        <ConfirmButton
          label="Close"
          className="cancel"
          disabled={blocked !== undefined}
          title={blocked}
          question={`Close ${formatSize(p.size.replace('-', ''), rules?.stepSize)} ${p.market} ${long ? 'long' : 'short'} at market (reduce-only, within the band)?`}
          confirmLabel={`Close ${p.market}`}
          onConfirm={onClose}
        />
      </td>
    </tr>
  );
}
