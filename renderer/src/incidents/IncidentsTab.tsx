/**
 * Incidents as main classified them (DESIGN §9): kind, market, when the venue's first
 * contradicting message arrived, when we concluded, when it ended, what reversed it, which
 * orders it touched. Select some to build a claim; open one for its timeline and evidence.
 */
import { Fragment, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { IncidentView } from '../../../shared/incidents';
import { utcTime } from '../layout/utc-time';
import { IncidentDetail } from './IncidentDetail';
import { RestorePanel } from './RestorePanel';

export function IncidentsTab({ api, incidents }: { api: BlackboxApi; incidents: IncidentView[] }) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  async function createClaim() {
    const result = await api.createClaim({ incidentIds: [...selected] });
    if (result.ok) {
      setSelected(new Set());
      setNotice({ ok: true, text: `Claim ${result.value.id} drafted for ${result.value.total}; see the Claims tab.` });
    } else setNotice({ ok: false, text: result.error.message });
  }

  return (
    <div className="incidents-tab" data-testid="incidents-tab">
      <div className="toolbar">
        <button type="button" disabled={selected.size === 0} onClick={() => void createClaim()} data-testid="create-claim">
          Create claim from {selected.size} selected
        </button>
        <RestorePanel api={api} />
        {notice && <span className={notice.ok ? 'pos' : 'neg'} data-testid="incidents-notice">{notice.text}</span>}
      </div>
      {incidents.length === 0 ? (
        <p className="empty">No incidents.</p>
      ) : (
        <table className="grid incidents" data-testid="incidents-table">
          <thead>
            <tr><th>Id</th><th>Kind</th><th>Market</th><th>Opened</th><th>Detected</th><th>Closed</th><th>Reversed</th><th>Orders</th><th /></tr>
          </thead>
          <tbody>
            {[...incidents].reverse().map((i) => (
              <Fragment key={i.id}>
                <tr className={i.reversedBy ? 'reversed' : i.closedAt === null ? 'open' : ''} data-testid="incident-row" data-incident={i.id}>
                  <td>
                    <label className="check">
                      <input type="checkbox" checked={selected.has(i.id)} onChange={() => toggle(i.id)} aria-label={`Select ${i.id}`} /> {i.id}
                    </label>
                  </td>
                  <td>{i.kind}</td>
                  <td>{i.market ?? 'all'}</td>
                  <td>{utcTime(i.openedAt)}</td>
                  <td>{utcTime(i.detectedAt)}</td>
                  <td>{i.closedAt === null ? <span className="warn">ongoing</span> : utcTime(i.closedAt)}</td>
                  <td>{i.reversedBy ? `reversed by ${i.reversedBy}` : ''}</td>
                  <td className="ids" title={i.clientIds.join(', ')}>{i.clientIds.length ? i.clientIds.join(', ') : '—'}</td>
                  <td>
                    <button type="button" aria-expanded={expanded === i.id} onClick={() => setExpanded(expanded === i.id ? null : i.id)}>
                      {expanded === i.id ? 'Hide' : 'Details'}
                    </button>
                  </td>
                </tr>
                {expanded === i.id && (
                  <tr className="detail-row">
                    <td colSpan={9}>
                      <IncidentDetail api={api} incident={i} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
