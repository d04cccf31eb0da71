/**
 * The review of the journal the tab shows (live, or a file opened read-only): a daily PnL
 * calendar, the equity curve, fees and funding per market, all computed by main; CSV export.
 */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import { formatDateTime, formatMoney } from '../../../shared/format';
import type { JournalReviewStats } from '../../../shared/review';
import { reviewCsv } from './review-csv';

export function ReviewPanel({ api, reloadKey }: { api: BlackboxApi; reloadKey: number }) {
  const [stats, setStats] = useState<JournalReviewStats | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.journalReviewStats({}).then((result) => {
      if (!live) return;
      setStats(result.ok ? result.value : null);
      setProblem(result.ok ? null : result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, reloadKey]);

  if (problem) return <p className="neg">{problem}</p>;
  if (!stats) return <p className="muted">Reading the journal…</p>;
  const c = stats.currency;
  function exportCsv() {
    const url = URL.createObjectURL(new Blob([reviewCsv(stats!)], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'blackbox-review.csv';
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="review" data-testid="journal-review">
      <section>
        <h4>Daily PnL (UTC, net of fees and funding)</h4>
        <Calendar stats={stats} />
      </section>
      <section>
        <h4>Equity</h4>
        <EquityCurve stats={stats} />
      </section>
      <section>
        <h4>Per market</h4>
        <table className="grid" data-testid="review-markets">
          <thead><tr><th>Market</th><th>Fills</th><th>Realized PnL</th><th>Fees</th><th>Funding paid</th></tr></thead>
          <tbody>
            {stats.markets.map((m) => (
              <tr key={m.market}><td>{m.market}</td><td>{m.fills}</td><td>{formatMoney(m.realizedPnl, c, { signed: true })}</td><td>{formatMoney(m.fees, c)}</td><td>{formatMoney(m.funding, c)}</td></tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={exportCsv}>Export CSV</button>
      </section>
    </div>
  );
}

function Calendar({ stats }: { stats: JournalReviewStats }) {
  if (stats.days.length === 0) return <p className="muted">No fills in this journal.</p>;
  // Weeks start on Monday; blank cells pad the first week.
  const first = new Date(`${stats.days[0].day}T00:00:00Z`);
  const pad = (first.getUTCDay() + 6) % 7;
  return (
    <div className="calendar" data-testid="pnl-calendar">
      {Array.from({ length: pad }, (_, i) => <div key={`pad-${i}`} className="day blank" />)}
      {stats.days.map((d) => (
        <div key={d.day} className={`day ${d.net.startsWith('-') ? 'neg' : 'pos'}`} title={`PnL ${d.realizedPnl} · fees ${d.fees} · funding ${d.funding} · ${d.fills} fills`} data-day={d.day}>
          <span className="date">{d.day.slice(5)}</span>
          {formatMoney(d.net, stats.currency, { signed: true })}
        </div>
      ))}
    </div>
  );
}

function EquityCurve({ stats }: { stats: JournalReviewStats }) {
  const points = stats.equity;
  if (points.length < 2) return <p className="muted">Too few account snapshots for a curve.</p>;
  const w = 360;
  const h = 120;
  const xs = points.map((p) => p.at);
  const ys = points.map((p) => Number(p.equity));
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => ((x - x0) / (x1 - x0 || 1)) * (w - 4) + 2;
  const sy = (y: number) => h - 2 - ((y - y0) / (y1 - y0 || 1)) * (h - 4);
  return (
    <figure style={{ margin: 0 }}>
      <svg className="equity-curve" width={w} height={h} data-testid="equity-curve" role="img" aria-label="Equity curve">
        <polyline fill="none" stroke="#58a6ff" strokeWidth="1.5" points={points.map((p, i) => `${sx(p.at)},${sy(ys[i])}`).join(' ')} />
      </svg>
      <figcaption className="muted">
        {formatMoney(points[0].equity, stats.currency)} at {formatDateTime(x0)} → {formatMoney(points[points.length - 1].equity, stats.currency)} at {formatDateTime(x1)}
      </figcaption>
    </figure>
  );
}
