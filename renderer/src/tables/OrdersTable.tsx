import { useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import { formatPrice, formatSize, formatWord } from '../../../shared/format';
import type { MarketInfo, OrderView } from '../../../shared/snapshot';
import { ConfirmButton } from '../layout/ConfirmButton';

/**
 * Open orders as the venue reports them, plus orders and cancels that did not go through: those
 * are never retried by themselves (DESIGN §9); the trader's click on Retry re-sends them.
 */
/** `watchOnly`: the account is read by address; its orders are shown but cannot be cancelled or re-sent from here. */
export function OrdersTable({ api, orders, watchOnly, markets }: { api: BlackboxApi; orders: OrderView[]; watchOnly: boolean; markets: MarketInfo[] }) {
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  async function retry(clientId: string) {
    const result = await api.retryCommand({ clientId });
    if (!result.ok) return setNotice({ ok: false, text: result.error.message });
    const { outcome, reason } = result.value;
    setNotice({ ok: outcome === 'confirmed', text: `Retry of ${clientId} as ${result.value.clientId}: ${outcome}${reason ? ` — ${reason}` : ''}` });
  }

  async function cancelAll() {
    const result = await api.cancelAll({});
    if (!result.ok) return setNotice({ ok: false, text: result.error.message });
    const { outcome, reason } = result.value;
    setNotice({ ok: outcome === 'confirmed', text: `Cancel all: ${outcome}${reason ? ` — ${reason}` : ''}` });
  }

  const shown = notice && <p className={notice.ok ? 'pos' : 'neg'} data-testid="orders-notice">{notice.text}</p>;
  if (orders.length === 0) return <>{shown}<p className="empty">No open orders.</p></>;
  const blocked = watchOnly ? 'Watching by address: orders cannot be changed from Blackbox on this account.' : undefined;
  const rules = (market: string) => markets.find((m) => m.symbol === market);
  return (
    <>
      <div className="toolbar">
        <span className="muted">{orders.length} open</span>
        <span className="spacer" />
        <ConfirmButton
          label="Cancel all"
          className="danger"
          disabled={watchOnly}
          title={blocked}
          question={`Cancel all ${orders.length} open order${orders.length === 1 ? '' : 's'} on every market?`}
          confirmLabel="Cancel all orders"
          onConfirm={cancelAll}
        />
      </div>
      {shown}
      <table className="grid" data-testid="orders-table">
        <thead>
          <tr><th>Client id</th><th>Market</th><th>Side</th><th>Type</th><th>Size</th><th>Remaining</th><th>Price</th><th>Trigger</th><th>State</th><th>Outcome</th><th /></tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.clientId} data-testid="order-row" data-client-id={o.clientId}>
              <td>{o.clientId}</td>
              <td>{o.market}</td>
              <td className={o.side === 'BUY' ? 'pos' : 'neg'}>{o.side}</td>
              <td>{formatWord(o.type)}</td>
              <td>{formatSize(o.size, rules(o.market)?.stepSize)}</td>
              <td>{formatSize(o.remainingSize, rules(o.market)?.stepSize)}</td>
              <td>{formatPrice(o.price, rules(o.market)?.tickSize)}</td>
              <td>{Number(o.triggerPrice) > 0 ? formatPrice(o.triggerPrice, rules(o.market)?.tickSize) : '—'}</td>
              <td>{formatWord(o.state)}</td>
              <td title={o.reason ?? ''} className={o.outcome === 'unresolved' ? 'warn' : ''} data-testid="order-outcome-cell">
                {o.outcome === 'unresolved' ? `did not go through${o.reason ? `: ${o.reason}` : ''}` : (o.outcome ?? '—')}
              </td>
              <td className="actions">
                {o.outcome === 'unresolved' && (
                  <button type="button" className="retry" disabled={watchOnly} title={blocked} onClick={() => void retry(o.clientId)} aria-label={`Retry ${o.clientId}`}>
                    Retry
                  </button>
                )}
                <button type="button" className="cancel" disabled={watchOnly} title={blocked} onClick={() => void api.cancelOrder({ clientId: o.clientId })} aria-label={`Cancel ${o.clientId}`}>
                  Cancel
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
