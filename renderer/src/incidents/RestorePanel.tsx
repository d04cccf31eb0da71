import { useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { RestoredOrderView } from '../../../shared/incidents';
import { formatPercent } from '../ticket/preview-text';

/** Re-places the orders the venue cancelled and shows, for each, what the band check said. */
export function RestorePanel({ api }: { api: BlackboxApi }) {
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState<RestoredOrderView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function restore() {
    setBusy(true);
    const result = await api.restoreCancelled({});
    setBusy(false);
    setRestored(result.ok ? result.value : null);
    setProblem(result.ok ? null : result.error.message);
  }

  return (
    <div className="restore">
      <button type="button" onClick={() => void restore()} disabled={busy} data-testid="restore-cancelled">
        {busy ? 'Restoring…' : 'Restore cancelled orders'}
      </button>
      {problem && <span className="neg">{problem}</span>}
      {restored?.length === 0 && <span className="muted">No venue-cancelled order left to restore.</span>}
      {restored && restored.length > 0 && (
        <ul className="restored" data-testid="restored-orders">
          {restored.map((r) => (
            <li key={r.restoredFrom} className={`outcome-${r.outcome}`}>
              {r.restoredFrom} → {r.clientId ?? '—'}: {r.outcome}
              {r.band && ` · band ${r.band.allowed ? 'allowed' : 'blocked'} at reference ${r.band.reference ?? '—'}${r.band.deviation ? `, ${formatPercent(r.band.deviation, true)} from it` : ''}`}
              {r.reason && ` — ${r.reason}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
