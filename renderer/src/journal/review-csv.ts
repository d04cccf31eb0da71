/** The review as CSV files a spreadsheet opens: one per table, numbers as main computed them (no rounding here). */
import type { JournalReviewStats } from '../../../shared/review';

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const rows = (head: string[], body: (string | number | null)[][]) => [head, ...body].map((r) => r.map(cell).join(',')).join('\n') + '\n';

export function reviewCsv(stats: JournalReviewStats): string {
  const c = stats.currency;
  return [
    `# daily (UTC), ${c}`,
    rows(['day_utc', 'realized_pnl', 'fees', 'funding', 'net', 'fills'], stats.days.map((d) => [d.day, d.realizedPnl, d.fees, d.funding, d.net, d.fills])).trimEnd(),
    `# per market, ${c}`,
    rows(['market', 'realized_pnl', 'fees', 'funding', 'fills'], stats.markets.map((m) => [m.market, m.realizedPnl, m.fees, m.funding, m.fills])).trimEnd(),
    `# equity, ${c}`,
    rows(['time_utc', 'equity'], stats.equity.map((e) => [new Date(e.at).toISOString(), e.equity])).trimEnd(),
  ].join('\n') + '\n';
}
