/**
 * The journal as the trader's evidence: a virtualized, filterable list of events (newest first),
 * each event's payload and raw venue message, chain verification with progress, and offline
 * review of another journal file (opened read-only by main).
 */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import { EVENT_KINDS, type EventKind } from '../../../shared/domain';
import type { VerifyProgress, VerifyReport } from '../../../shared/journal-view';
import { JournalDetail, JournalRow, ROW_HEIGHT } from './JournalRow';
import { ReviewPanel } from './ReviewPanel';
import { shortAccount } from './short-account';
import { useJournalPages, type JournalFilter } from './use-journal-pages';
import { visibleRange } from './virtual-rows';

/** `account` is the one the terminal is on: the live journal opens filtered to it. */
export function JournalTab({ api, account }: { api: BlackboxApi; account?: string }) {
  const [filter, setFilter] = useState<JournalFilter>(account ? { account } : {});
  const [reloadKey, setReloadKey] = useState(0);
  const { events, source, accounts, error, loadMore } = useJournalPages(api, filter, reloadKey);
  // The account filtered on is offered even before the journal holds a record of it.
  const accountChoices = filter.account && !accounts.includes(filter.account) ? [filter.account, ...accounts] : accounts;
  const [selected, setSelected] = useState<number | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const [progress, setProgress] = useState<VerifyProgress | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [reviewPath, setReviewPath] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);

  useEffect(() => api.on('verifyProgress', setProgress), [api]);

  const { first, last } = visibleRange(scroll.top, scroll.height, ROW_HEIGHT, events.length);
  useEffect(() => {
    if (last >= events.length - 20) loadMore();
  }, [last, events.length, loadMore]);

  const setField = (key: keyof JournalFilter, value: string) =>
    setFilter((f) => {
      const next = { ...f } as Record<string, string>;
      if (value) next[key] = value;
      else delete next[key];
      return next as JournalFilter;
    });

  async function verify() {
    setReport(null);
    setProgress({ checked: 0, total: 0 });
    const result = await api.verifyJournal({});
    setProgress(null);
    if (result.ok) setReport(result.value);
    else setNotice(result.error.message);
  }

  async function review(path: string) {
    const result = await api.openJournalForReview({ path });
    setNotice(result.ok ? null : result.error.message);
    setReport(null);
    if (!result.ok) return;
    // Another file holds other accounts: it opens on all of them.
    setField('account', '');
    setReloadKey((k) => k + 1);
  }

  async function pick() {
    const result = await api.pickJournalFile({});
    if (result.ok && result.value.path) await review(result.value.path);
    else if (!result.ok) setNotice('This host has no file dialog: type the journal file path and press Open.');
  }

  async function backToLive() {
    await api.closeJournalReview({});
    setField('account', account ?? '');
    setReloadKey((k) => k + 1);
  }

  const chosen = events.find((e) => e.seq === selected) ?? null;
  return (
    <div className="journal-tab" data-testid="journal-tab">
      <div className="journal-toolbar">
        <select aria-label="Kind" value={filter.kind ?? ''} onChange={(e) => setField('kind', e.target.value as EventKind)}>
          <option value="">all kinds</option>
          {EVENT_KINDS.map((k) => <option key={k}>{k}</option>)}
        </select>
        <select aria-label="Account" value={filter.account ?? ''} onChange={(e) => setField('account', e.target.value)}>
          <option value="">All accounts</option>
          {accountChoices.map((a) => <option key={a} value={a} title={a}>{shortAccount(a)}</option>)}
        </select>
        <input aria-label="Market filter" placeholder="market" value={filter.market ?? ''} onChange={(e) => setField('market', e.target.value.trim())} />
        <input aria-label="Client id filter" placeholder="client id" value={filter.clientId ?? ''} onChange={(e) => setField('clientId', e.target.value.trim())} />
        <input aria-label="Search" placeholder="search payloads" value={filter.search ?? ''} onChange={(e) => setField('search', e.target.value)} />
        <button type="button" onClick={() => void verify()} disabled={progress !== null}>Verify chain</button>
        <button type="button" onClick={() => void pick()}>Open journal file…</button>
        <input aria-label="Journal file path" placeholder="/path/to/journal.db" value={reviewPath} onChange={(e) => setReviewPath(e.target.value)} />
        <button type="button" onClick={() => void review(reviewPath)} disabled={!reviewPath}>Open</button>
        {source?.readOnly && <button type="button" onClick={() => void backToLive()}>Back to live journal</button>}
        <button type="button" aria-pressed={reviewing} onClick={() => setReviewing((r) => !r)}>PnL review</button>
      </div>
      {reviewing && <ReviewPanel api={api} reloadKey={reloadKey} />}
      <div className="journal-status">
        <span data-testid="journal-source">{source ? `${source.readOnly ? 'reviewing (read-only)' : 'live'}: ${source.path}` : ''}</span>
        {progress && (
          <span className="verify-progress">
            <progress data-testid="verify-progress" max={progress.total || 1} value={progress.checked} /> {progress.checked.toLocaleString('en-US')} / {progress.total.toLocaleString('en-US')}
          </span>
        )}
        {report && (
          <span data-testid="verify-result" className={report.verified ? 'pos' : 'neg'}>
            {report.verified
              ? `chain verified: ${report.events.toLocaleString('en-US')} events, head ${report.head?.slice(0, 12) ?? '—'}`
              : `chain broken at #${report.firstBad?.seq}: ${report.firstBad?.reason}`}
          </span>
        )}
        {(notice ?? error) && <span className="neg">{notice ?? error}</span>}
      </div>
      <div className="journal-body">
        <div className="journal-list" onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
          <div style={{ height: events.length * ROW_HEIGHT, position: 'relative' }}>
            {events.slice(first, last).map((event, i) => (
              <JournalRow key={event.seq} event={event} top={(first + i) * ROW_HEIGHT} selected={event.seq === selected} onSelect={() => setSelected(event.seq)} />
            ))}
          </div>
        </div>
        {chosen && <JournalDetail event={chosen} />}
      </div>
    </div>
  );
}
