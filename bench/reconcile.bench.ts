/**
 * Reconciliation at size: a journal holding 10k orders and 100k fills against a venue story of
 * the same size. Measured: one run (orders and positions read back, compared with the venue, the
 * fills from the reconciler's in-memory index), and apart from it the index's one-time load.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../main/core/clock';
import { Journal } from '../main/core/journal/journal';
import { compare, positionDrift, type VenueStory } from '../main/core/reconcile/compare';
import type { VenueFill, VenueOrder } from '../main/core/venues/port';
import type { BenchSuite } from './suite';

const MARKET = 'BTC-USD-PERP';

function fill(i: number, orders: number): VenueFill {
  return {
    fillId: `f${i}`, venueOrderId: `v${i % orders}`, clientId: `c${i % orders}`, market: MARKET, side: i % 2 ? 'SELL' : 'BUY', liquidity: 'MAKER',
    fillType: 'FILL', price: '95000', size: '0.001', fee: '0', feeCurrency: 'USDC', realizedPnl: null, venueAt: i,
  };
}

function order(i: number): VenueOrder {
  return {
    venueOrderId: `v${i}`, clientId: `c${i}`, market: MARKET, side: 'BUY', type: 'LIMIT', status: 'CLOSED', instruction: 'GTC', size: '1',
    remainingSize: '0', price: '95000', triggerPrice: null, avgFillPrice: '95000', flags: [], cancelReason: null, venueAt: i,
  };
}

export const reconcileBench: BenchSuite = {
  name: 'reconcile',
  async run({ quick }) {
    const orders = quick ? 1_000 : 10_000;
    const fills = quick ? 10_000 : 100_000;
    const journal = Journal.open(join(mkdtempSync(join(tmpdir(), 'bb-bench-reconcile-')), 'journal.db'), { clock: systemClock });
    try {
      for (let i = 0; i < orders; i++) {
        journal.append({ account: 'sim:local:test', venue: 'paradex', kind: 'ORDER_INTENT', market: MARKET, clientId: `c${i}`, payload: { clientId: `c${i}`, market: MARKET, side: 'BUY', type: 'LIMIT', size: '1', price: '95000', postOnly: false, reduceOnly: false, decision: { allowed: true } } }, { durable: false });
        journal.append({ account: 'sim:local:test', venue: 'paradex', kind: 'VENUE_ORDER_UPDATE', market: MARKET, clientId: `c${i}`, venueOrderId: `v${i}`, payload: { status: 'CLOSED', remainingSize: '0' } }, { durable: false });
      }
      const venueFills: VenueFill[] = [];
      for (let i = 0; i < fills; i++) {
        const f = fill(i, orders);
        venueFills.push(f);
        journal.append({ account: 'sim:local:test', venue: 'paradex', kind: 'FILL', market: MARKET, clientId: f.clientId, venueOrderId: f.venueOrderId, payload: { fillId: f.fillId, side: f.side, price: f.price, size: f.size, fee: f.fee, liquidity: f.liquidity, fillType: f.fillType } }, { durable: false });
      }
      journal.flush();
      const venue: VenueStory = { fills: venueFills, busts: [], orders: Array.from({ length: orders }, (_, i) => order(i)), positions: [] };
      // The reconciler reads the journal's fills once when the terminal starts and keeps them in step.
      let started = performance.now();
      const fillsInMemory = journal.fills();
      const indexLoad = performance.now() - started;
      // One run: the orders and positions read back, compared with the venue's story.
      started = performance.now();
      const story = { fills: fillsInMemory, orders: journal.orders(), positions: journal.positions(), reversedFills: new Set<string>(), vanishedOrders: new Set<string>() };
      const read = performance.now() - started;
      const result = compare(venue, story, Date.now(), new Map());
      positionDrift(venue.positions, story.positions);
      const total = performance.now() - started;
      if (result.reversed.length || result.discovered.length || result.missing.length) throw new Error('the same story on both sides must compare clean');
      const key = quick ? 'reconcile.1k_orders_10k_fills_ms' : 'reconcile.10k_orders_100k_fills_ms';
      return { [key]: Math.round(total), 'reconcile.journal_read_ms': Math.round(read), 'reconcile.fill_index_load_ms': Math.round(indexLoad) };
    } finally {
      journal.close();
    }
  },
};
