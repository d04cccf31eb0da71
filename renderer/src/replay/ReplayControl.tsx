/**
 * "Replay incident…": plays a bundled scenario live in place of the live terminal, at 1–600×,
 * so the trader can watch an incident unfold. While it runs, the bar names it and its clock.
 */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import type { SessionView } from '../../../shared/snapshot';

const clock = formatDateTime;

export function ReplayControl({ api, session }: { api: BlackboxApi; session: SessionView }) {
  const [open, setOpen] = useState(false);
  const [scenarios, setScenarios] = useState<string[]>([]);
  const [choice, setChoice] = useState('');
  const [speed, setSpeed] = useState(60);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    void api.listScenarios({}).then((result) => {
      if (!result.ok) return setProblem(result.error.message);
      setScenarios(result.value);
      setChoice((c) => c || result.value[0] || '');
    });
  }, [api, open]);

  async function start() {
    const result = await api.startReplay({ scenario: choice, speed });
    setProblem(result.ok ? null : result.error.message);
    if (result.ok) setOpen(false);
  }

  if (session.kind === 'replay') {
    return (
      <span className="replay-bar" data-testid="replay-bar">
        REPLAY {session.scenario} · {clock(session.virtualNow)}
        {session.ended ? ' · ended' : ''}
        <input
          type="range" min={1} max={600} value={session.speed} aria-label="Replay speed"
          onChange={(e) => void api.setReplaySpeed({ speed: Number(e.target.value) })}
        />
        {session.speed}×
        <button type="button" onClick={() => void api.stopReplay({})}>Back to live</button>
      </span>
    );
  }
  return (
    <span className="replay-control">
      <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>Replay incident…</button>
      {open && (
        <span className="replay-popover" role="dialog" aria-label="Replay an incident">
          <select aria-label="Scenario" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {scenarios.map((s) => <option key={s}>{s}</option>)}
          </select>
          <label>
            speed <input type="number" min={1} max={600} value={speed} aria-label="Speed" onChange={(e) => setSpeed(Math.min(600, Math.max(1, Number(e.target.value) || 1)))} />×
          </label>
          <button type="button" onClick={() => void start()} disabled={!choice}>Start</button>
          {problem && <span className="neg">{problem}</span>}
        </span>
      )}
    </span>
  );
}
