/** The contract's handlers, each a thin call into the terminal; validation already happened in dispatch. */
import type { ContractHandlers } from '../../../shared/contract';
import { DomainError } from '../api/dispatch';
import type { Terminal } from './terminal';

export function buildHandlers(terminal: Terminal): ContractHandlers {
  return {
    getSnapshot: async () => terminal.snapshot(),
    getPriceHistory: async ({ market, limit }) => terminal.prices.recent(market, limit),
    previewOrder: async (ticket) => terminal.pipeline.preview(ticket),
    placeOrder: async (ticket) => {
      const { clientId, outcome, reason } = await terminal.pipeline.place(ticket);
      terminal.scheduleSnapshot();
      return { clientId, outcome, reason };
    },
    cancelOrder: async ({ clientId }) => {
      const { outcome, reason } = await terminal.pipeline.cancel(clientId);
      terminal.scheduleSnapshot();
      return { clientId, outcome, reason };
    },
    cancelAll: async ({ market }) => {
      const { outcome, reason } = await terminal.pipeline.cancelAll(market);
      terminal.scheduleSnapshot();
      return { clientId: null, outcome, reason };
    },
    queryJournal: async ({ beforeSeq, limit, ...filter }) => {
      const page = terminal.review.current.query({ ...filter, beforeSeq, limit, order: 'desc' });
      return { events: page.events, hasMore: page.more, source: terminal.review.source() };
    },
    verifyJournal: async () => {
      const report = await terminal.review.current.verify((p) => terminal.emit('verifyProgress', { checked: p.checked, total: p.expected }));
      const tail = report.truncatedTail;
      const truncated = tail ? { seq: tail.lastSeq + 1, reason: `the journal ends at seq ${tail.lastSeq} but its ${tail.evidence} records seq ${tail.expectedSeq}: the tail was cut off` } : null;
      return { events: report.events, head: report.head?.hash ?? null, verified: report.verified, firstBad: report.firstBad ?? truncated };
    },
    pickJournalFile: async () => {
      throw new DomainError('NOT_SUPPORTED', 'This host has no file dialog; give the path of the journal file instead.');
    },
    openJournalForReview: async ({ path }) => terminal.review.open(path),
    closeJournalReview: async () => terminal.review.close(),
  };
}
