import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from './journal';
import { MARKET, fill, intent } from './test-support/events';
import { tempDir } from './test-support/temp-dir';

function fresh(): { journal: Journal; path: string } {
  const path = join(tempDir(), 'journal.db');
  return { journal: Journal.open(path, { clock: new VirtualClock(1_767_225_600_000) }), path };
}

const durable = { durable: true };

describe('projections', () => {
  it('follows an order from intent to fills, as the journal believes it', () => {
    const { journal } = fresh();
    journal.append(intent('c-1', { size: '1.5', price: '64000.5' }), durable);
    journal.append({ kind: 'ORDER_SENT', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { request: '{"market":"BTC-USD-PERP"}' } }, durable);
    journal.append({ kind: 'ORDER_ACK', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { venueOrderId: 'v-c-1' } }, durable);
    journal.append({ kind: 'VENUE_ORDER_UPDATE', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { status: 'OPEN', remainingSize: '1.5' } }, durable);
    journal.append(fill('c-1', 'f-1', 'BUY', '0.1'), durable);
    journal.append(fill('c-1', 'f-2', 'BUY', '0.2'), durable);
    const last = journal.append({ kind: 'VENUE_ORDER_UPDATE', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { status: 'OPEN', remainingSize: '1.2' } }, durable);
    expect(journal.orders()).toEqual([
      {
        clientId: 'c-1', account: 'sim:local:test', orderKey: 'c-1', origin: 'own', venue: 'sim', market: MARKET, side: 'BUY', type: 'LIMIT', size: '1.5', price: '64000.5',
        triggerPrice: null, postOnly: false, reduceOnly: false, venueOrderId: 'v-c-1', state: 'OPEN', reason: null,
        remainingSize: '1.2', filledSize: '0.3', cancelState: null, cancelReason: null, intentSeq: 1, lastSeq: last.seq,
      },
    ]);
    expect(journal.positions()).toEqual([{ account: 'sim:local:test', venue: 'sim', market: MARKET, size: '0.3', lastSeq: 6 }]);
    expect(journal.fills({ clientId: 'c-1' }).map((f) => [f.fillId, f.size, f.busted])).toEqual([['f-1', '0.1', false], ['f-2', '0.2', false]]);
    journal.close();
  });

  it('records denials, rejections and unknown outcomes in our own words', () => {
    const { journal } = fresh();
    journal.append(intent('denied', { decision: { allowed: false, reason: 'price 5% outside the band' } }), durable);
    journal.append(intent('rejected'), durable);
    journal.append({ kind: 'ORDER_REJECT', account: 'sim:local:test', venue: 'sim', clientId: 'rejected', payload: { code: 'POST_ONLY', message: 'would cross' } }, durable);
    journal.append(intent('lost'), durable);
    journal.append({ kind: 'ORDER_UNRESOLVED', account: 'sim:local:test', venue: 'sim', clientId: 'lost', payload: { reason: 'timeout after 10 s' } }, durable);
    journal.append(intent('blocked'), durable);
    journal.append({ kind: 'ORDER_DENIED', account: 'sim:local:test', venue: 'sim', clientId: 'blocked', payload: { reason: 'venue is cancel-only' } }, durable);
    expect(journal.orders().map((o) => [o.clientId, o.state, o.reason])).toEqual([
      ['denied', 'denied', 'price 5% outside the band'],
      ['rejected', 'rejected', 'POST_ONLY: would cross'],
      ['lost', 'unresolved', 'timeout after 10 s'],
      ['blocked', 'denied', 'venue is cancel-only'],
    ]);
    journal.close();
  });

  it('attaches a late fill to an unresolved order without pretending it was confirmed', () => {
    const { journal } = fresh();
    journal.append(intent('c-1', { side: 'SELL', size: '2' }), durable);
    journal.append({ kind: 'ORDER_UNRESOLVED', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { reason: 'HTTP 502' } }, durable);
    journal.append(fill('c-1', 'f-1', 'SELL', '2'), durable);
    expect(journal.orders()[0]).toMatchObject({ state: 'unresolved', filledSize: '2' });
    expect(journal.positions()[0].size).toBe('-2');
    journal.close();
  });

  it('tracks a cancel as its own command next to the order', () => {
    const { journal } = fresh();
    journal.append(intent('c-1'), durable);
    journal.append({ kind: 'CANCEL_INTENT', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { reason: 'user' } }, durable);
    expect(journal.orders()[0]).toMatchObject({ cancelState: 'requested', cancelReason: 'user' });
    journal.append({ kind: 'CANCEL_REJECT', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { code: 'HALTED', message: 'chain halted' } }, durable);
    expect(journal.orders()[0]).toMatchObject({ cancelState: 'rejected', cancelReason: 'HALTED: chain halted' });
    journal.append({ kind: 'CANCEL_UNRESOLVED', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: { reason: 'no answer' } }, durable);
    journal.append({ kind: 'CANCEL_ACK', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', payload: {} }, durable);
    journal.append({ kind: 'VENUE_ORDER_UPDATE', account: 'sim:local:test', venue: 'sim', clientId: 'c-1', venueOrderId: 'v9', payload: { status: 'CLOSED', remainingSize: '0.5', cancelReason: 'USER_CANCELED' } }, durable);
    expect(journal.orders()[0]).toMatchObject({ cancelState: 'acked', state: 'CLOSED', reason: 'USER_CANCELED', venueOrderId: 'v9' });
    journal.close();
  });

  it('counts a repeated fill once and takes a busted fill back out, exactly', () => {
    const { journal } = fresh();
    journal.append(intent('c-1', { size: '1' }), durable);
    journal.append(fill('c-1', 'f-1', 'BUY', '0.1'), durable);
    journal.append(fill('c-1', 'f-1', 'BUY', '0.1'), durable);
    journal.append(fill('c-1', 'f-2', 'BUY', '0.2'), durable);
    journal.append(fill(null, 'liq-1', 'SELL', '0.05'), durable);
    expect(journal.positions()[0].size).toBe('0.25');
    journal.append({ kind: 'TRADE_BUST', account: 'sim:local:test', venue: 'sim', market: MARKET, payload: { fillId: 'f-2' } }, durable);
    journal.append({ kind: 'TRADE_BUST', account: 'sim:local:test', venue: 'sim', market: MARKET, payload: { fillId: 'f-2' } }, durable);
    journal.append({ kind: 'TRADE_BUST', account: 'sim:local:test', venue: 'sim', market: MARKET, payload: { fillId: 'never-seen' } }, durable);
    expect(journal.positions()[0].size).toBe('0.05');
    expect(journal.orders()[0].filledSize).toBe('0.1');
    expect(journal.fills().map((f) => [f.fillId, f.busted, f.bustSeq])).toEqual([['f-1', false, null], ['f-2', true, 6], ['liq-1', false, null]]);
    expect(journal.query({ kind: 'FILL' }).events).toHaveLength(4);
    journal.close();
  });

  it('keeps the evidence but changes no order for updates about orders it never saw, or a second intent', () => {
    const { journal } = fresh();
    journal.append(intent('c-1', { size: '1' }), durable);
    journal.append(intent('c-1', { size: '9' }), durable);
    journal.append({ kind: 'VENUE_ORDER_UPDATE', account: 'sim:local:test', venue: 'sim', clientId: 'elsewhere', payload: { status: 'OPEN', remainingSize: '3' } }, durable);
    expect(journal.orders().map((o) => [o.clientId, o.size, o.intentSeq])).toEqual([['c-1', '1', 1]]);
    expect(journal.count()).toBe(3);
    journal.close();
  });

  it('writes each projection in the same transaction as its event', () => {
    const { journal, path } = fresh();
    journal.append(intent('c-1'), { durable: false });
    const other = new Database(path, { readonly: true });
    const orders = other.prepare('SELECT count(*) FROM orders').pluck();
    const events = other.prepare('SELECT count(*) FROM events').pluck();
    expect([events.get(), orders.get()]).toEqual([0, 0]);
    journal.flush();
    expect([events.get(), orders.get()]).toEqual([1, 1]);
    other.close();
    journal.close();
  });
});
