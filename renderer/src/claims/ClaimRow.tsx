import { useState } from 'react';
import type { ClaimStatus, ClaimView } from '../../../shared/incidents';
import type { BlackboxApi } from '../../../shared/contract';
import { formatMoney } from '../../../shared/format';
import { utcDateTime } from '../layout/utc-time';
import { ExportButton } from './ExportButton';

export interface ClaimChange {
  status?: Exclude<ClaimStatus, 'draft'>;
  refundAmount?: string;
  note?: string;
}

/** The steps a claim in this status may take next (main refuses any other). */
const NEXT: Record<ClaimStatus, Exclude<ClaimStatus, 'draft'>[]> = {
  draft: ['submitted'],
  submitted: ['acknowledged', 'rejected'],
  acknowledged: ['refunded', 'rejected'],
  refunded: [],
  rejected: [],
};
const ACTION: Record<Exclude<ClaimStatus, 'draft'>, string> = { submitted: 'Mark submitted', acknowledged: 'Mark acknowledged', refunded: 'Mark refunded', rejected: 'Mark rejected' };

export function ClaimRow({ api, claim, onChange }: { api: BlackboxApi; claim: ClaimView; onChange: (change: ClaimChange) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState(claim.note);
  const [refund, setRefund] = useState('');
  return (
    <>
      <tr data-testid="claim-row" data-claim={claim.id}>
        <td>
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'} {claim.id}</button>
        </td>
        <td className={`claim-status claim-${claim.status}`} data-testid="claim-status">{claim.status}</td>
        <td>{claim.incidentIds.join(', ')}</td>
        <td title={`${claim.total} USD`}>{formatMoney(claim.total, 'USD')}</td>
        <td data-testid="claim-refund">
          {claim.refundAmount ?? '—'}
          {claim.refundCheck && (
            <span className={claim.refundCheck.matched ? 'pos' : 'neg'} title="change in the venue's balance since the claim was submitted">
              {' '}
              {claim.refundCheck.matched ? '✓' : '✗'} balance {claim.refundCheck.balanceChange.startsWith('-') ? '' : '+'}
              {claim.refundCheck.balanceChange}
            </span>
          )}
        </td>
        <td>
          <form className="inline" onSubmit={(e) => (e.preventDefault(), onChange({ note }))}>
            <input aria-label={`Note for ${claim.id}`} value={note} onChange={(e) => setNote(e.target.value)} placeholder="note" />
            <button type="submit" disabled={note === claim.note}>Save</button>
          </form>
        </td>
        <td className="actions">
          {NEXT[claim.status].map((status) =>
            status === 'refunded' ? (
              <form key={status} className="inline" onSubmit={(e) => (e.preventDefault(), onChange({ status, refundAmount: refund }))}>
                <input aria-label={`Refund amount for ${claim.id}`} inputMode="decimal" value={refund} onChange={(e) => setRefund(e.target.value.trim())} placeholder="amount" size={10} />
                <button type="submit" disabled={!refund}>{ACTION[status]}</button>
              </form>
            ) : (
              <button key={status} type="button" onClick={() => onChange({ status })}>{ACTION[status]}</button>
            ),
          )}
        </td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={7}>
            <ul className="claim-items">
              {claim.items.map((item, i) => (
                <li key={i}>
                  <span className="kind">{item.kind}</span> {item.clientId} · {item.amount === null ? 'information' : formatMoney(item.amount, 'USD')} · {item.basis} · evidence {item.evidence.map((s) => `#${s}`).join(' ')}
                </li>
              ))}
            </ul>
            <p className="muted">{claim.history.map((h) => `${h.status} ${utcDateTime(h.at)}`).join(' → ')}</p>
            <ExportButton api={api} claimId={claim.id} />
          </td>
        </tr>
      )}
    </>
  );
}
