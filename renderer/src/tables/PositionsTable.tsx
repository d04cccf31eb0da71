import type { PositionView } from '../../../shared/snapshot';

export function PositionsTable({ positions }: { positions: PositionView[] }) {
  if (positions.length === 0) return <p className="empty">No open positions.</p>;
  return (
    <table className="grid" data-testid="positions-table">
      <thead>
        <tr><th>Market</th><th>Size</th><th>Entry</th><th>Unrealized PnL</th></tr>
      </thead>
      <tbody>
        {positions.map((p) => (
          <tr key={p.market}>
            <td>{p.market}</td>
            <td className={p.size.startsWith('-') ? 'neg' : 'pos'}>{p.size}</td>
            <td>{p.entryPrice ?? '—'}</td>
            <td>{p.unrealizedPnl ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
