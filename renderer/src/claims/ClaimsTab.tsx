/** Refund claims (DESIGN §10): their status and totals, and the steps the trader records. */
import Decimal from 'decimal.js';
import { formatMoney } from '../../../shared/format';
import { useCallback, useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { ClaimView } from '../../../shared/incidents';
import { ClaimRow, type ClaimChange } from './ClaimRow';

export function ClaimsTab({ api }: { api: BlackboxApi }) {
  const [claims, setClaims] = useState<ClaimView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api.listClaims({});
    if (result.ok) setClaims(result.value);
    else setProblem(result.error.message);
  }, [api]);
  useEffect(() => void load(), [load]);

  async function change(id: string, update: ClaimChange) {
    const result = await api.updateClaim({ id, ...update });
    setProblem(result.ok ? null : result.error.message);
    await load();
  }

  if (claims === null) return <p className="loading">Loading claims…</p>;
  return (
    <div className="claims-tab" data-testid="claims-tab">
      {problem && <p className="neg" data-testid="claims-problem">{problem}</p>}
      {claims.length === 0 ? (
        <p className="empty">No claims. Select incidents in the Incidents tab to draft one.</p>
      ) : (
        <table className="grid claims" data-testid="claims-table">
          <thead>
            <tr><th>Claim</th><th>Status</th><th>Incidents</th><th>Total</th><th>Refunded</th><th>Note</th><th /></tr>
          </thead>
          <tbody>
            {claims.map((c) => <ClaimRow key={`${c.id}:${c.status}:${c.note}`} api={api} claim={c} onChange={(update) => void change(c.id, update)} />)}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>Totals (rejected claims left out)</td>
              <td data-testid="claims-total">{formatMoney(sum(claims.filter((c) => c.status !== 'rejected').map((c) => c.total)), 'USD')}</td>
              <td>{sum(claims.map((c) => c.refundAmount ?? '0'))}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}

const sum = (amounts: string[]) => amounts.reduce((total, a) => total.plus(a), new Decimal(0)).toString();
