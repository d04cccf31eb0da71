/** Exports a claim's evidence bundle; main reports progress while it writes the journal lines. */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { ExportProgress, ExportView } from '../../../shared/incidents';

export function ExportButton({ api, claimId }: { api: BlackboxApi; claimId: string }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<ExportView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => api.on('exportProgress', (p) => p.claimId === claimId && setProgress(p)), [api, claimId]);

  async function run() {
    setRunning(true);
    setProblem(null);
    setDone(null);
    const result = await api.exportClaim({ id: claimId });
    setRunning(false);
    setProgress(null);
    if (result.ok) setDone(result.value);
    else setProblem(result.error.message);
  }

  return (
    <span className="export" data-testid="claim-export">
      <button type="button" onClick={() => void run()} disabled={running}>Export evidence</button>
      {running && progress && <progress max={progress.total || 1} value={progress.written} aria-label="Export progress" />}
      {done && (
        <span className="export-result" data-testid="export-result" data-folder={done.folder}>
          {done.records.toLocaleString('en-US')} records → {done.zip}
          {done.pdf ? ` · PDF ${done.pdf}` : done.pdfProblem ? ` · no PDF: ${done.pdfProblem}` : ''}
        </span>
      )}
      {problem && <span className="neg">{problem}</span>}
    </span>
  );
}
