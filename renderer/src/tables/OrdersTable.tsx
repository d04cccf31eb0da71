import { useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { OrderView } from '../../../shared/snapshot';

/**
 * Open orders as the venue reports them, plus orders and cancels that did not go through: those
 * are never retried by themselves (DESIGN §9); the trader's click on Retry re-sends them.
 */
/** `watchOnly`: the account is read by address; its orders are shown but cannot be cancelled or re-sent from here. */
export function OrdersTable({ api, orders, watchOnly }: { api: BlackboxApi; orders: OrderView[]; watchOnly: boolean }) {
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  async function retry(clientId: string) {
    const result = await api.retryCommand({ clientId });
    if (!result.ok) return setNotice({ ok: false, text: result.error.message });
    const { outcome, reason } = result.value;
    setNotice({ ok: outcome === 'confirmed', text: `Retry of ${clientId} as ${result.value.clientId}: ${outcome}${reason ? ` — ${reason}` : ''}` });
  }

  if (orders.length === 0) return <p className="empty">No open orders.</p>;
  const blocked = watchOnly ? 'Watching by address: orders cannot be changed from Blackbox on this account.' : undefined;
  return (
    <>
      {notice && <p className={notice.ok ? 'pos' : 'neg'} data-testid="orders-notice">{notice.text}</p>}
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
              <td>{o.type}</td>
              <td>{o.size}</td>
              <td>{o.remainingSize ?? '—'}</td>
              <td>{o.price ?? '—'}</td>
              <td>{o.triggerPrice ?? '—'}</td>
              <td>{o.state}</td>
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
