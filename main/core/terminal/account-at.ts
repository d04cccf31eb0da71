/**
 * The account as the journal last saw it before a moment: its collateral and its open positions
 * with their entry prices, from the venue's own snapshots. A liquidation caught up after a gap is
 * judged on the account as it stood then, not as it stands after the liquidation.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { Journal } from '../journal/journal';
import type { HeldPosition } from '../monitor/liquidation-check';

const PAGE = 1000;

interface AccountPayload {
  totalCollateral?: string;
}

interface PositionPayload {
  market?: string;
  size?: string;
  status?: string;
  averageEntryPrice?: string | null;
}

/** The newest records of a kind at or before `at` (the journal is in time order, seq by seq). */
function lastBefore(journal: Journal, account: string, kind: 'ACCOUNT_SNAPSHOT' | 'POSITION_SNAPSHOT', at: number): JournalEvent[] {
  const page = journal.query({ account, kind, order: 'desc', limit: PAGE }).events;
  return page.filter((e) => (e.venueAt ?? e.at) <= at);
}

export function accountAt(journal: Journal, account: string, at: number): { totalCollateral: string; seq: number } | null {
  const last = lastBefore(journal, account, 'ACCOUNT_SNAPSHOT', at)[0];
  const collateral = (last?.payload as AccountPayload | undefined)?.totalCollateral;
  return last && collateral ? { totalCollateral: collateral, seq: last.seq } : null;
}

export function positionsAt(journal: Journal, account: string, at: number): HeldPosition[] {
  const seen = new Set<string>();
  const held: HeldPosition[] = [];
  for (const e of lastBefore(journal, account, 'POSITION_SNAPSHOT', at)) {
    const p = e.payload as PositionPayload;
    if (!p.market || seen.has(p.market)) continue;
    seen.add(p.market);
    if (p.status === 'OPEN' && p.size && p.averageEntryPrice) held.push({ market: p.market, size: p.size, entryPrice: p.averageEntryPrice });
  }
  return held;
}
