/**
 * Reconciliation at size.
 * - `reconcile.10k_orders_100k_fills_ms`: one comparison of a journal holding 10k orders and 100k
 *   fills (read back from the account's projections, inside the window) with a venue story of the
 *   same size.
 * - `reconcile.catch_up_10k_missed_fills_ms`: a whole reconcile run after a gap in which the venue
 *   made 10k fills the journal never saw: each enters through the one door (the recorder), is
 *   journalled and projected, and the run is recorded. The venue answers from memory, so the
 *   figure is ours, not the network's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../main/core/clock';
import { Journal } from '../main/core/journal/journal';
import { compare, positionDrift, type VenueStory } from '../main/core/reconcile/compare';
import { Reconciler } from '../main/core/reconcile/reconciler';
import { journalPorts } from '../main/core/terminal/journal-ports';
import { VenueRecorder } from '../main/core/terminal/venue-recorder';
import type { QueryResult, VenueAdapter, VenueFill, VenueOrder, VenuePosition } from '../main/core/venues/port';
import type { BenchSuite } from './suite';

const MARKET = 'BTC-USD-PERP';
const ACCOUNT = 'sim:local:bench';

function fill(i: number, orders: number, at: number): VenueFill {
  return {
    fillId: `f${i}`, venueOrderId: `v${i % orders}`, clientId: `c${i % orders}`, market: MARKET, side: i % 2 ? 'SELL' : 'BUY', liquidity: 'MAKER',
    fillType: 'FILL', price: '95000', size: '0.001', fee: '0', feeCurrency: 'USDC', realizedPnl: null, venueAt: at + i,
  };
}

function order(i: number): VenueOrder {
  return {
    venueOrderId: `v${i}`, clientId: `c${i}`, market: MARKET, side: 'BUY', type: 'LIMIT', status: 'CLOSED', instruction: 'GTC', size: '1',
    remainingSize: '0', price: '95000', triggerPrice: null, avgFillPrice: '95000', flags: [], cancelReason: null, venueAt: i,
  };
}

const answer = <T>(value: T): Promise<QueryResult<T>> => Promise.resolve({ ok: true, value, raw: [], malformed: [] });

/** A venue that answers the reconciler's questions from a story held in memory. */
function venueTelling(story: VenueStory): VenueAdapter {
  const refuse = () => Promise.reject(new Error('the bench venue takes no orders'));
  return {
    venue: 'paradex', watchOnly: false, connect: () => Promise.resolve(), close: () => Promise.resolve(), subscribe: () => () => undefined,
    placeOrder: refuse, cancelOrder: refuse, cancelAll: refuse,
    markets: () => answer([]), prices: () => answer([]), openOrders: () => answer([]), orderByClientId: () => answer({ found: false as const }),
    ordersHistory: () => answer(story.orders), fills: () => answer(story.fills), tradeBusts: () => answer(story.busts),
    positions: () => answer(story.positions), account: () => Promise.reject(new Error('not asked')), systemState: () => answer('ok' as const),
  };
}

function freshJournal(name: string): Journal {
  return Journal.open(join(mkdtempSync(join(tmpdir(), `bb-bench-${name}-`)), 'journal.db'), { clock: systemClock });
}

function appendOrders(journal: Journal, orders: number): void {
  for (let i = 0; i < orders; i++) {
    journal.append({ account: ACCOUNT, venue: 'paradex', kind: 'ORDER_INTENT', market: MARKET, clientId: `c${i}`, payload: { clientId: `c${i}`, market: MARKET, side: 'BUY', type: 'LIMIT', size: '1', price: '95000', postOnly: false, reduceOnly: false, decision: { allowed: true } } }, { durable: false });
    journal.append({ account: ACCOUNT, venue: 'paradex', kind: 'VENUE_ORDER_UPDATE', market: MARKET, clientId: `c${i}`, venueOrderId: `v${i}`, payload: { status: 'CLOSED', remainingSize: '0' } }, { durable: false });
  }
}

async function compareAtSize(orders: number, fills: number): Promise<Record<string, number>> {
  const journal = freshJournal('compare');
  try {
    appendOrders(journal, orders);
    const start = Date.now() - 3_600_000;
    const venueFills: VenueFill[] = [];
    for (let i = 0; i < fills; i++) {
      const f = fill(i, orders, start);
      venueFills.push(f);
      journal.append({ account: ACCOUNT, venue: 'paradex', kind: 'FILL', market: MARKET, clientId: f.clientId, venueOrderId: f.venueOrderId, payload: { fillId: f.fillId, side: f.side, price: f.price, size: f.size, fee: f.fee, liquidity: f.liquidity, fillType: f.fillType, venueAt: f.venueAt as number } }, { durable: false });
    }
    journal.flush();
    const venue: VenueStory = { fills: venueFills, busts: [], orders: Array.from({ length: orders }, (_, i) => order(i)), positions: [] };
    const askedAtSeq = journal.lastAppended()?.seq ?? 0;
    const started = performance.now();
    const story = { fills: journal.fills({ account: ACCOUNT, since: start }), orders: journal.orders({ account: ACCOUNT, activeOrSinceSeq: 1 }), vanishedOrders: new Set<string>() };
    const read = performance.now() - started;
    const result = compare(venue, story, { start, startSeq: 1, now: Date.now(), askedAtSeq });
    positionDrift(venue.positions, journal.positions({ account: ACCOUNT }));
    const total = performance.now() - started;
    if (result.reversed.length || result.newFills.length || result.missing.length) throw new Error('the same story on both sides must compare clean');
    const key = orders < 10_000 ? 'reconcile.1k_orders_10k_fills_ms' : 'reconcile.10k_orders_100k_fills_ms';
    return { [key]: Math.round(total), 'reconcile.journal_read_ms': Math.round(read) };
  } finally {
    journal.close();
  }
}

async function catchUp(missed: number): Promise<Record<string, number>> {
  const journal = freshJournal('catch-up');
  try {
    const orders = 100;
    appendOrders(journal, orders);
    journal.flush();
    const start = Date.now() - 3_600_000;
    const story: VenueStory = { fills: Array.from({ length: missed }, (_, i) => fill(i, orders, start)), busts: [], orders: Array.from({ length: orders }, (_, i) => order(i)), positions: [] };
    const position: VenuePosition = { market: MARKET, side: 'LONG', size: '0', status: 'OPEN', averageEntryPrice: null, liquidationPrice: null, unrealizedPnl: null, realizedPnl: null, venueAt: null };
    story.positions = [position];
    const ports = journalPorts(journal, ACCOUNT);
    const recorder = new VenueRecorder(ports, 'paradex');
    const reconciler = new Reconciler({
      clock: systemClock, journal, account: ACCOUNT, venue: venueTelling(story), sessionStart: start,
      admit: (event) => recorder.record(event), backfillReference: () => Promise.resolve(), streamCovered: () => false,
      append: (event) => ports.appendDurable(event), vanished: [], onFindings: () => undefined, onReconciled: () => undefined,
    });
    const started = performance.now();
    await reconciler.request('bench');
    const ms = performance.now() - started;
    const journalled = journal.fills({ account: ACCOUNT }).length;
    if (journalled !== missed) throw new Error(`the catch-up journalled ${journalled} of ${missed} fills`);
    return { 'reconcile.catch_up_10k_missed_fills_ms': Math.round(ms) };
  } finally {
    journal.close();
  }
}

export const reconcileBench: BenchSuite = {
  name: 'reconcile',
  async run({ quick }) {
    return {
      ...(await compareAtSize(quick ? 1_000 : 10_000, quick ? 10_000 : 100_000)),
      ...(await catchUp(10_000)),
    };
  },
};
