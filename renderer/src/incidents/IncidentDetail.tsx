/**
 * One incident opened up: its findings as a timeline, and the journal records that are its
 * evidence, each with the raw venue message behind it.
 */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import { utcTime } from '../layout/utc-time';

export function IncidentDetail({ api, incident }: { api: BlackboxApi; incident: IncidentView }) {
  const [evidence, setEvidence] = useState<JournalEvent[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const seqs = incident.evidence.join(',');

  useEffect(() => {
    if (!seqs) return setEvidence([]);
    let live = true;
    void api.getJournalEvents({ seqs: seqs.split(',').map(Number).slice(0, 500) }).then((result) => {
      if (!live) return;
      setEvidence(result.ok ? result.value : []);
      setProblem(result.ok ? null : result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, seqs]);

  return (
    <div className="incident-detail" data-testid="incident-detail">
      <h4>Timeline</h4>
      <ol className="timeline">
        {incident.findings.map((f, i) => (
          <li key={i}>
            <span className="at">{utcTime(f.at)}</span> <span className="kind">{f.kind}</span> {f.summary}
            {f.detectedAt !== f.at && <span className="muted"> (concluded {utcTime(f.detectedAt)})</span>}
          </li>
        ))}
      </ol>
      <h4>Evidence ({incident.evidence.length} journal records)</h4>
      {problem && <p className="neg">{problem}</p>}
      {evidence === null ? (
        <p className="muted">Loading evidence…</p>
      ) : (
        <ul className="evidence">
          {evidence.map((e) => (
            <li key={e.seq} data-testid="evidence-row">
              <button type="button" aria-expanded={open === e.seq} onClick={() => setOpen(open === e.seq ? null : e.seq)}>
                <span className="seq">#{e.seq}</span> <span className="at">{utcTime(e.at)}</span> <span className="kind">{e.kind}</span>{' '}
                <span className="hash" title={e.hash}>{e.hash.slice(0, 12)}</span>
              </button>
              {open === e.seq && <pre className="raw" data-testid="evidence-raw">{e.raw ?? JSON.stringify(e.payload, null, 2)}</pre>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
