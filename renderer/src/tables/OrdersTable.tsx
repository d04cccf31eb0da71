import type { OrderView } from '../../../shared/snapshot';

export function OrdersTable({ orders, onCancel }: { orders: OrderView[]; onCancel: (clientId: string) => void }) {
  if (orders.length === 0) return <p className="empty">No open orders.</p>;
  return (
    <table className="grid" data-testid="orders-table">
      <thead>
        <tr><th>Client id</th><th>Market</th><th>Side</th><th>Type</th><th>Size</th><th>Remaining</th><th>Price</th><th>Trigger</th><th>State</th><th>Outcome</th><th /></tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.clientId}>
            <td>{o.clientId}</td>
            <td>{o.market}</td>
            <td className={o.side === 'BUY' ? 'pos' : 'neg'}>{o.side}</td>
            <td>{o.type}</td>
            <td>{o.size}</td>
            <td>{o.remainingSize ?? '—'}</td>
            <td>{o.price ?? '—'}</td>
            <td>{o.triggerPrice ?? '—'}</td>
            <td>{o.state}</td>
            <td title={o.reason ?? ''}>{o.outcome ?? '—'}</td>
            <td>
              <button type="button" className="cancel" onClick={() => onCancel(o.clientId)} aria-label={`Cancel ${o.clientId}`}>
                Cancel
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
