/**
 * The review a trader expects of a journal, computed from its records alone (so it works offline
 * on a file opened for review): realized PnL, fees and funding per UTC day, the equity curve as
 * the venue reported it, and fees and funding per market. Fills later reversed (TRADE_BUST /
 * FILL_REVERSED) do not count.
 */
import Decimal from 'decimal.js';
import type { EventKind, JournalEvent } from '../../../shared/domain';
import type { JournalReviewStats, ReviewDay, ReviewMarket } from '../../../shared/review';
import type { Journal } from '../journal/journal';

const PAGE = 1000;
/** The equity curve is thinned to about this many points. */
const EQUITY_POINTS = 400;

function* records(journal: Journal, kind: EventKind | EventKind[]): Generator<JournalEvent> {
  let afterSeq: number | undefined;
  for (;;) {
    const page = journal.query({ kind, afterSeq, limit: PAGE });
    yield* page.events;
    const last = page.events[page.events.length - 1];
    if (!page.more || !last) return;
    afterSeq = last.seq;
  }
}

const dec = (value: unknown) => {
  if (typeof value !== 'string' || value === '') return new Decimal(0);
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : new Decimal(0);
  } catch {
    return new Decimal(0);
  }
};

const money = (d: Decimal) => d.toDecimalPlaces(8).toString();

export function reviewStats(journal: Journal): JournalReviewStats {
  const reversed = new Set<string>();
  for (const e of records(journal, ['TRADE_BUST', 'FILL_REVERSED'])) {
    const p = e.payload as { fillId?: unknown };
    if (typeof p.fillId === 'string') reversed.add(p.fillId);
  }
  const days = new Map<string, { pnl: Decimal; fees: Decimal; funding: Decimal; fills: number }>();
  const markets = new Map<string, { pnl: Decimal; fees: Decimal; funding: Decimal | null; fills: number }>();
  const seen = new Set<string>();
  let currency: string | null = null;
  for (const e of records(journal, 'FILL')) {
    const fill = e.payload as { fillId?: string; fee?: string; feeCurrency?: string; realizedPnl?: string };
    if (fill.fillId && (reversed.has(fill.fillId) || seen.has(fill.fillId))) continue;
    if (fill.fillId) seen.add(fill.fillId);
    currency ??= fill.feeCurrency ?? null;
    const day = new Date(e.venueAt ?? e.at).toISOString().slice(0, 10);
    const d = days.get(day) ?? { pnl: new Decimal(0), fees: new Decimal(0), funding: new Decimal(0), fills: 0 };
    d.pnl = d.pnl.plus(dec(fill.realizedPnl));
    d.fees = d.fees.plus(dec(fill.fee));
    d.fills += 1;
    days.set(day, d);
    const market = e.market ?? '—';
    const m = markets.get(market) ?? { pnl: new Decimal(0), fees: new Decimal(0), funding: null, fills: 0 };
    m.pnl = m.pnl.plus(dec(fill.realizedPnl));
    m.fees = m.fees.plus(dec(fill.fee));
    m.fills += 1;
    markets.set(market, m);
  }
  // Funding: the venue's running figure per position, where it reports one; the last word per market counts.
  for (const e of records(journal, 'POSITION_SNAPSHOT')) {
    const p = e.payload as { fundingPaid?: string };
    if (typeof p.fundingPaid !== 'string' || !e.market) continue;
    const m = markets.get(e.market) ?? { pnl: new Decimal(0), fees: new Decimal(0), funding: null, fills: 0 };
    m.funding = dec(p.fundingPaid);
    markets.set(e.market, m);
  }
  const equity: { at: number; equity: string }[] = [];
  for (const e of records(journal, 'ACCOUNT_SNAPSHOT')) {
    const p = e.payload as { accountValue?: string };
    if (typeof p.accountValue === 'string') equity.push({ at: e.venueAt ?? e.at, equity: p.accountValue });
  }
  const step = Math.max(1, Math.ceil(equity.length / EQUITY_POINTS));
  const curve = equity.filter((_, i) => i % step === 0 || i === equity.length - 1);
  const dayList: ReviewDay[] = [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({
    day, realizedPnl: money(d.pnl), fees: money(d.fees), funding: money(d.funding), net: money(d.pnl.minus(d.fees).minus(d.funding)), fills: d.fills,
  }));
  const marketList: ReviewMarket[] = [...markets].sort(([a], [b]) => a.localeCompare(b)).map(([market, m]) => ({
    market, realizedPnl: money(m.pnl), fees: money(m.fees), funding: m.funding === null ? null : money(m.funding), fills: m.fills,
  }));
  return { path: journal.path, currency: currency ?? 'USD', days: dayList, equity: curve, markets: marketList };
}
