/**
 * DESIGN §2.1 and §2.3 at their edges: a disk that still reads but no longer writes lets nothing
 * reach the venue — orders, reduce-only closes and cancels alike (SECURITY.md says why) — and an
 * order that certainly never left the machine ends denied, not unresolved.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderTicket } from '../../../shared/contract';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from '../journal/errors';
import { Journal } from '../journal/journal';
import { tempDir } from '../journal/test-support/temp-dir';
import { defaultRiskSettings } from '../risk/risk-settings';
import { HyperliquidAdapter } from '../venues/hyperliquid/adapter';
import { OrderPipeline } from './order-pipeline';
import { terminalOnDemoSim } from './test-support/terminal-on-demo-sim';

const BTC = 'BTC-USD-PERP';
const ticket = (over: Partial<OrderTicket>): OrderTicket => ({ market: BTC, side: 'BUY', type: 'LIMIT', size: '0.001', sizeUnit: 'base', postOnly: false, reduceOnly: false, ...over });

describe('a journal disk that reads but no longer writes', () => {
  let t: Awaited<ReturnType<typeof terminalOnDemoSim>>;
  beforeAll(async () => {
    t = await terminalOnDemoSim();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends nothing to the venue — no order, no reduce-only close, no cancel — while reads go on', async () => {
    const reference = new Decimal(t.terminal.referenceReading(BTC).price!);
    const passive = reference.times(0.97).toDecimalPlaces(1, Decimal.ROUND_DOWN).toString();
    expect((await t.terminal.pipeline.place(ticket({ price: passive }), 'resting-1')).outcome).toBe('confirmed');
    expect((await t.terminal.pipeline.place(ticket({ type: 'MARKET' }), 'long-1')).outcome).toBe('confirmed');
    expect(t.sim.engine.orders().find((o) => o.clientId === 'long-1')?.remaining.isZero()).toBe(true);

    // SQLite's own cap on the file's size: to the writer this is exactly a full disk (SQLITE_FULL).
    const db = (t.journal as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    let refused: unknown = null;
    for (let i = 0; i < 10_000 && refused === null; i++) {
      try {
        t.journal.append({ kind: 'NOTE', venue: 'sim', account: 'sim:local:test', payload: { filler: 'x'.repeat(2000) } } as never, { durable: true });
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(JournalUnavailableError);
    expect(t.journal.health()).toMatchObject({ state: 'failed', message: expect.stringMatching(/disk is full/) });

    const venueBefore = t.sim.engine.orders().map((o) => `${o.clientId}:${o.status}:${o.remaining.toString()}`);
    const fillsBefore = t.sim.engine.allFills().length;
    const attempts = [
      await t.terminal.pipeline.place(ticket({ price: passive }), 'full-1'),
      await t.terminal.pipeline.place(ticket({ side: 'SELL', type: 'MARKET', reduceOnly: true }), 'close-1'),
      await t.terminal.pipeline.cancel('resting-1'),
      await t.terminal.pipeline.cancelAll(BTC),
    ];
    for (const attempt of attempts) expect(attempt).toMatchObject({ outcome: 'denied', reason: expect.stringMatching(/^no journal, no (trade|cancel): .*disk is full/) });

    // The venue received nothing: the same orders in the same states, no new fill.
    expect(t.sim.engine.orders().map((o) => `${o.clientId}:${o.status}:${o.remaining.toString()}`)).toEqual(venueBefore);
    expect(t.sim.engine.allFills().length).toBe(fillsBefore);
    expect(t.sim.engine.orders().some((o) => o.clientId === 'full-1' || o.clientId === 'close-1')).toBe(false);
    // Reading still works: what was recorded before the disk filled is all there.
    expect(t.journal.query({ clientId: 'resting-1', limit: 10 }).events.map((e) => e.kind)).toContain('ORDER_INTENT');
    expect(t.terminal.journalOrders({ clientId: 'long-1' })).toHaveLength(1);
  });
});

describe('an order that certainly never left the machine', () => {
  it('is denied, not unresolved, when the venue is only watched', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const journal = Journal.open(join(tempDir(), 'journal.db'), { clock });
    const account = 'hyperliquid:mainnet:0x0000000000000000000000000000000000000001';
    // Never connected: the port 9 URLs would refuse; order entry must not even try.
    const venue = new HyperliquidAdapter({ apiUrl: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9/ws', user: '0x0000000000000000000000000000000000000001', markets: ['BTC'], clock });
    const pipeline = new OrderPipeline({
      journal: { appendDurable: (event) => journal.append({ ...event, account } as never, { durable: true }), positionSize: () => '0' },
      venue,
      clock,
      market: () => ({ symbol: 'BTC', tickSize: '1', stepSize: '0.001' }),
      reference: () => ({ price: '95000', fresh: 3, total: 3, reason: null, ageMs: 0 }),
      venueState: () => ({ status: 'ok', reopenedAt: null, mark: '95000', now: clock.now() }),
      risk: () => defaultRiskSettings('BTC'),
      newClientId: () => 'never-sent-1',
    });
    const outcome = await pipeline.place(ticket({ market: 'BTC', price: '94000' }));
    expect(outcome).toMatchObject({ clientId: 'never-sent-1', outcome: 'denied', reason: expect.stringContaining('not sent') });
    expect(journal.query({ clientId: 'never-sent-1', limit: 10 }).events.map((e) => e.kind)).toEqual(['ORDER_INTENT', 'ORDER_DENIED']);
    journal.close();
  });
});
