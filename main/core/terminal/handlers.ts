/** The contract's handlers, each a thin call into the terminal; validation already happened in dispatch. */
import type { ContractHandlers } from '../../../shared/contract';
import type { OrderType } from '../../../shared/domain';
import type { RestoredOrderView } from '../../../shared/incidents';
import { DomainError } from '../api/dispatch';
import type { OrderRow } from '../journal/journal';
import { restoreCancelled } from '../orders/restore-cancelled';
import { ticketOf } from '../orders/ticket-of';
import Decimal from 'decimal.js';
import { figureInputs } from './account-figures';
import { chartHistory } from './chart-history';
import { exportClaim } from './export-claim';
import { reviewStats } from './review-stats';
import { explanation, shortReason, ticketFigures } from './ticket-figures';
import type { Terminal } from './terminal';

/** Restores and retries carry these suffixes; the journal's own rows then say what was already done. */
const RESTORED = '-R';
const RETRIED = '-T';

/** Methods about which session is shown and the trader's settings: the TerminalSwitch answers them. */
export const SESSION_METHODS = [
  'listScenarios', 'startReplay', 'setReplaySpeed', 'stopReplay', 'getRiskSettings', 'setRiskSettings',
  'getTsaSettings', 'setTsaSettings', 'getVenueSettings', 'saveVenueAccount', 'removeVenueAccount', 'useVenueAccount',
] as const;
export type TerminalHandlers = Omit<ContractHandlers, (typeof SESSION_METHODS)[number]>;

export function buildHandlers(terminal: Terminal): TerminalHandlers {
  // A second click while a restore runs gets the same answer instead of restoring twice.
  let restoring: Promise<RestoredOrderView[]> | null = null;
  const restore = async (): Promise<RestoredOrderView[]> => {
    const rows = terminal.journalOrders();
    const already = new Set(rows.flatMap((r) => (r.clientId?.endsWith(RESTORED) ? [r.clientId.slice(0, -RESTORED.length)] : [])));
    const restored = await restoreCancelled(rows, terminal.pipeline, already);
    terminal.scheduleSnapshot();
    return restored.map(({ restoredFrom, clientId, outcome, reason, decision }) => ({
      restoredFrom, clientId, outcome, reason,
      band: decision && { allowed: decision.allowed, reference: decision.reference, deviation: decision.deviation },
    }));
  };

  /** A reduce-only market order for the whole position: main sends it as limit-IOC at the band edge. */
  const close = async (position: { market: string; size: string }) => {
    const size = new Decimal(position.size);
    const ticket = { market: position.market, side: size.isNeg() ? 'BUY' : 'SELL', type: 'MARKET', size: size.abs().toString(), sizeUnit: 'base', postOnly: false, reduceOnly: true } as const;
    const { clientId, outcome, reason } = await terminal.pipeline.place(ticket);
    terminal.scheduleSnapshot();
    return { clientId, outcome, reason };
  };
  /** The band in force for a market now (tightened while the venue is degraded), as the ticket's preview states it. */
  const bandOf = (market: string) => terminal.pipeline.preview({ market, side: 'BUY', type: 'MARKET', size: '1', sizeUnit: 'base', postOnly: false, reduceOnly: false }).band;

  const handlers: TerminalHandlers = {
    getSnapshot: async () => terminal.snapshot(),
    getPriceHistory: async ({ market, limit }) => terminal.prices.recent(market, limit),
    previewOrder: async (ticket) => {
      const preview = terminal.pipeline.preview(ticket);
      const { watchOnly } = terminal.parts.venue;
      const { status } = terminal.view;
      return {
        ...preview,
        figures: ticketFigures(ticket, preview, figureInputs(terminal)),
        shortReason: shortReason(preview, watchOnly, status),
        explanation: explanation(preview, status, terminal.view.positionList(), ticket.market, terminal.venueMarket(ticket.market)?.tickSize),
      };
    },
    closePosition: async ({ market }) => {
      const position = terminal.view.positionList().find((p) => p.market === market);
      if (!position) throw new DomainError('NOT_FOUND', `There is no open ${market} position to close.`);
      return close(position);
    },
    closeAllPositions: async () => {
      // One after another: each close is its own journalled intent and band check.
      const results = [];
      for (const position of terminal.view.positionList()) results.push({ market: position.market, ...(await close(position)) });
      return results;
    },
    getChartHistory: async (q) => chartHistory(terminal.parts.journal, q, bandOf(q.market)),
    journalReviewStats: async () => reviewStats(terminal.review.current),
    retryConnection: async () => ({ retried: terminal.parts.venue.retryNow?.() ?? false }),
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
      // One cancel per open order, each its own journalled intent keyed by the order's client id:
      // the evidence then says which cancel went through and which did not.
      const open = terminal.view.openOrderList(terminal.pipeline.outcomes).filter((o) => (market === undefined || o.market === market) && o.state !== 'UNKNOWN');
      const failed: string[] = [];
      for (const order of open) {
        const { outcome, reason } = await terminal.pipeline.cancel(order.clientId);
        if (outcome !== 'confirmed') failed.push(`${order.market} ${order.side.toLowerCase()} ${order.price ?? order.triggerPrice ?? ''}: ${outcome}${reason ? ` (${reason})` : ''}`);
      }
      terminal.scheduleSnapshot();
      if (failed.length === 0) return { clientId: null, outcome: 'confirmed', reason: open.length ? null : 'no open orders' };
      return { clientId: null, outcome: failed.length === open.length ? 'rejected' : 'unresolved', reason: `${failed.length} of ${open.length} cancels did not go through: ${failed.join('; ')}` };
    },
    queryJournal: async ({ beforeSeq, limit, ...filter }) => {
      const page = terminal.review.current.query({ ...filter, beforeSeq, limit, order: 'desc' });
      return { events: page.events, hasMore: page.more, source: terminal.review.source(), accounts: terminal.review.current.accounts() };
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
    getJournalEvents: async ({ seqs }) => terminal.journalEvents(seqs),
    listIncidents: async () => terminal.incidents.list(),
    restoreCancelled: async () => {
      restoring ??= restore().finally(() => (restoring = null));
      return restoring;
    },
    retryCommand: async ({ clientId }) => {
      const row = terminal.journalOrders({ clientId })[0];
      if (!row) throw new DomainError('NOT_FOUND', `There is no order ${clientId} in the journal.`);
      if (row.cancelState === 'unresolved') {
        const { outcome, reason } = await terminal.pipeline.cancel(clientId);
        terminal.scheduleSnapshot();
        return { clientId, outcome, reason };
      }
      if (row.state !== 'unresolved') throw new DomainError('NOT_UNRESOLVED', `${clientId} is ${row.state}: only an order or cancel that did not go through can be retried.`);
      const retryId = clientId + RETRIED;
      if (terminal.retried.has(clientId) || terminal.journalOrders({ clientId: retryId }).length > 0) {
        throw new DomainError('ALREADY_RETRIED', `${clientId} was already retried as ${retryId}.`);
      }
      terminal.retried.set(clientId, retryId);
      const { outcome, reason } = await terminal.pipeline.place(ticketOfRow(row), retryId, { retryOf: clientId });
      terminal.scheduleSnapshot();
      return { clientId: retryId, outcome, reason };
    },
    listClaims: async () => terminal.claims.list(),
    createClaim: async ({ incidentIds }) => {
      const incidents = incidentIds.map((id) => terminal.incidents.list().find((i) => i.id === id) ?? notFound(id));
      return terminal.claims.create(incidents);
    },
    updateClaim: async (update) => terminal.claims.update(update),
    exportClaim: async ({ id }) => exportClaim(terminal, id),
    injectVenueFault: async ({ fault }) => {
      const inject = terminal.injectVenueFault;
      if (!inject) throw new DomainError('FORBIDDEN', 'Test hooks are off; the host enables them only with BLACKBOX_TEST_HOOKS=1.');
      inject(fault);
      return { applied: fault.kind };
    },
  };
  return terminal.parts.venue.watchOnly ? refusingOrders(handlers, terminal.parts.venue.venue) : handlers;
}

const ORDER_METHODS = ['placeOrder', 'cancelOrder', 'cancelAll', 'restoreCancelled', 'retryCommand', 'closePosition', 'closeAllPositions'] as const;

/**
 * A venue watched by address takes no orders from us: refuse before anything is journalled,
 * rather than record intents that could never be sent.
 */
function refusingOrders(handlers: TerminalHandlers, venue: string): TerminalHandlers {
  const refuse = async (): Promise<never> => {
    throw new DomainError('WATCH_ONLY', `This ${venue} account is watched by address: Blackbox cannot place or cancel orders on it.`);
  };
  return { ...handlers, ...Object.fromEntries(ORDER_METHODS.map((name) => [name, refuse])) };
}

function notFound(incidentId: string): never {
  throw new DomainError('NOT_FOUND', `There is no incident ${incidentId}.`);
}

/** The order exactly as journalled (size in base units), to send again under a new client id. */
const ticketOfRow = (row: OrderRow) => ticketOf({ ...row, type: row.type as OrderType });
