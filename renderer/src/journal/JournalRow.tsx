import type { JournalEvent } from '../../../shared/domain';
import { formatDateTime } from '../../../shared/format';
import { shortAccount } from './short-account';

export const ROW_HEIGHT = 20;
const time = (ms: number) => formatDateTime(ms);

export function JournalRow({ event, selected, top, onSelect }: { event: JournalEvent; selected: boolean; top: number; onSelect: () => void }) {
  return (
    <button
      type="button"
      className={`journal-row${selected ? ' selected' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      onClick={onSelect}
      aria-pressed={selected}
      data-testid="journal-row"
    >
      <span className="seq">{event.seq}</span>
      <span className="at">{time(event.at)}</span>
      <span className="kind">{event.kind}</span>
      <span className="account" title={event.account} data-testid="journal-row-account">{shortAccount(event.account)}</span>
      <span className="market">{event.market ?? ''}</span>
      <span className="cid">{event.clientId ?? ''}</span>
      <span className="hash" title={event.hash}>{event.hash.slice(0, 12)}</span>
    </button>
  );
}

/** The selected event in full: payload, the raw venue message that drove it, its chain link. */
export function JournalDetail({ event }: { event: JournalEvent }) {
  return (
    <aside className="journal-detail" data-testid="journal-detail">
      <h4>#{event.seq} {event.kind}</h4>
      <pre>{JSON.stringify(event.payload, null, 2)}</pre>
      {event.raw && (
        <>
          <h4>Raw venue message</h4>
          <pre>{event.raw}</pre>
        </>
      )}
      <p className="chain">prev {event.prevHash}</p>
      <p className="chain">hash {event.hash}</p>
    </aside>
  );
}
