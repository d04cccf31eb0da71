/**
 * Orders, fills and positions as the journal believes them. The projector runs inside the
 * append transaction, so the tables always agree with the chain and opening a journal never
 * replays it. It never throws on odd-but-valid evidence: an update for an order we never saw
 * changes no order row, a repeated fill id counts once, a second intent for a client id does
 * not overwrite the first. The events themselves are all kept either way.
 */
import type Database from 'better-sqlite3';
import Decimal from 'decimal.js';
import type { DecimalString, Side } from '../../../shared/domain';
import type { OrderEventKind, OrderPayloads } from './payloads';

/** Sizes are summed exactly: 60 significant digits is far beyond any venue's step size. */
const Exact = Decimal.clone({ precision: 60 });

export interface ProjectedEvent<K extends OrderEventKind = OrderEventKind> {
  seq: number;
  venue: string;
  kind: K;
  market: string | null;
  clientId: string | null;
  venueOrderId: string | null;
  payload: OrderPayloads[K];
}

export interface OrderRow {
  clientId: string;
  venue: string;
  market: string;
  side: Side;
  type: string;
  size: DecimalString;
  price: DecimalString | null;
  triggerPrice: DecimalString | null;
  postOnly: boolean;
  reduceOnly: boolean;
  venueOrderId: string | null;
  /** Our word until the venue answers (intent, denied, sent, acked, rejected, unresolved), then the venue's (NEW, UNTRIGGERED, OPEN, CLOSED). */
  state: string;
  reason: string | null;
  /** As the venue last reported it (the size itself until then). */
  remainingSize: DecimalString | null;
  /** Sum of this order's non-busted fills. */
  filledSize: DecimalString;
  cancelState: 'requested' | 'acked' | 'rejected' | 'unresolved' | null;
  cancelReason: string | null;
  intentSeq: number;
  lastSeq: number;
}

export interface FillRow {
  venue: string;
  fillId: string;
  clientId: string | null;
  venueOrderId: string | null;
  market: string;
  side: Side;
  price: DecimalString;
  size: DecimalString;
  fee: DecimalString;
  liquidity: string;
  fillType: string;
  realizedPnl: DecimalString | null;
  busted: boolean;
  seq: number;
  bustSeq: number | null;
}

export interface PositionRow {
  venue: string;
  market: string;
  /** Signed: positive long, negative short; the sum of non-busted fills. */
  size: DecimalString;
  lastSeq: number;
}

const plain = (d: Decimal): string => (d.isZero() ? '0' : d.toFixed());
const signed = (side: Side, size: string): Decimal => (side === 'BUY' ? new Exact(size) : new Exact(size).neg());

export class Projector {
  private readonly insertOrder;
  private readonly setState;
  private readonly setAck;
  private readonly setVenueUpdate;
  private readonly setCancel;
  private readonly filledSize;
  private readonly setFilled;
  private readonly insertFill;
  private readonly bustFill;
  private readonly positionSize;
  private readonly upsertPosition;

  constructor(db: Database.Database) {
    this.insertOrder = db.prepare(
      `INSERT INTO orders (client_id, venue, market, side, type, size, price, trigger_price, post_only, reduce_only,
         state, reason, remaining_size, filled_size, intent_seq, last_seq)
       VALUES (@clientId, @venue, @market, @side, @type, @size, @price, @triggerPrice, @postOnly, @reduceOnly,
         @state, @reason, @size, '0', @seq, @seq)
       ON CONFLICT (client_id) DO NOTHING`,
    );
    this.setState = db.prepare(
      'UPDATE orders SET state = @state, reason = @reason, last_seq = @seq WHERE client_id = @clientId',
    );
    this.setAck = db.prepare(
      `UPDATE orders SET state = 'acked', venue_order_id = @venueOrderId, last_seq = @seq WHERE client_id = @clientId`,
    );
    this.setVenueUpdate = db.prepare(
      `UPDATE orders SET state = @status, remaining_size = @remainingSize, reason = coalesce(@cancelReason, reason),
         venue_order_id = coalesce(@venueOrderId, venue_order_id), last_seq = @seq
       WHERE client_id = @clientId`,
    );
    this.setCancel = db.prepare(
      `UPDATE orders SET cancel_state = @cancelState, cancel_reason = coalesce(@cancelReason, cancel_reason), last_seq = @seq
       WHERE client_id = @clientId`,
    );
    this.filledSize = db.prepare('SELECT filled_size FROM orders WHERE client_id = ?').pluck();
    this.setFilled = db.prepare('UPDATE orders SET filled_size = ?, last_seq = ? WHERE client_id = ?');
    this.insertFill = db.prepare(
      `INSERT INTO fills (venue, fill_id, client_id, venue_order_id, market, side, price, size, fee, liquidity,
         fill_type, realized_pnl, seq)
       VALUES (@venue, @fillId, @clientId, @venueOrderId, @market, @side, @price, @size, @fee, @liquidity,
         @fillType, @realizedPnl, @seq)
       ON CONFLICT (venue, fill_id) DO NOTHING`,
    );
    this.bustFill = db.prepare(
      `UPDATE fills SET busted = 1, bust_seq = @seq WHERE venue = @venue AND fill_id = @fillId AND busted = 0
       RETURNING client_id AS clientId, market, side, size`,
    );
    this.positionSize = db.prepare('SELECT size FROM positions WHERE venue = ? AND market = ?').pluck();
    this.upsertPosition = db.prepare(
      `INSERT INTO positions (venue, market, size, last_seq) VALUES (@venue, @market, @size, @seq)
       ON CONFLICT (venue, market) DO UPDATE SET size = excluded.size, last_seq = excluded.last_seq`,
    );
  }

  apply(e: ProjectedEvent): void {
    const key = { clientId: e.clientId, seq: e.seq };
    switch (e.kind) {
      case 'ORDER_INTENT': {
        const p = (e as ProjectedEvent<'ORDER_INTENT'>).payload;
        this.insertOrder.run({
          clientId: p.clientId, venue: e.venue, market: p.market, side: p.side, type: p.type, size: p.size,
          price: p.price ?? null, triggerPrice: p.triggerPrice ?? null, postOnly: p.postOnly ? 1 : 0,
          reduceOnly: p.reduceOnly ? 1 : 0, state: p.decision.allowed ? 'intent' : 'denied',
          reason: p.decision.reason ?? null, seq: e.seq,
        });
        return;
      }
      case 'ORDER_DENIED':
        this.setState.run({ ...key, state: 'denied', reason: (e as ProjectedEvent<'ORDER_DENIED'>).payload.reason });
        return;
      case 'ORDER_SENT':
        this.setState.run({ ...key, state: 'sent', reason: null });
        return;
      case 'ORDER_ACK':
        this.setAck.run({ ...key, venueOrderId: (e as ProjectedEvent<'ORDER_ACK'>).payload.venueOrderId });
        return;
      case 'ORDER_REJECT': {
        const p = (e as ProjectedEvent<'ORDER_REJECT'>).payload;
        this.setState.run({ ...key, state: 'rejected', reason: `${p.code}: ${p.message}` });
        return;
      }
      case 'ORDER_UNRESOLVED':
        this.setState.run({ ...key, state: 'unresolved', reason: (e as ProjectedEvent<'ORDER_UNRESOLVED'>).payload.reason });
        return;
      case 'CANCEL_INTENT':
        this.setCancel.run({ ...key, cancelState: 'requested', cancelReason: (e as ProjectedEvent<'CANCEL_INTENT'>).payload.reason ?? null });
        return;
      case 'CANCEL_ACK':
        this.setCancel.run({ ...key, cancelState: 'acked', cancelReason: null });
        return;
      case 'CANCEL_REJECT': {
        const p = (e as ProjectedEvent<'CANCEL_REJECT'>).payload;
        this.setCancel.run({ ...key, cancelState: 'rejected', cancelReason: `${p.code}: ${p.message}` });
        return;
      }
      case 'CANCEL_UNRESOLVED':
        this.setCancel.run({ ...key, cancelState: 'unresolved', cancelReason: (e as ProjectedEvent<'CANCEL_UNRESOLVED'>).payload.reason });
        return;
      case 'VENUE_ORDER_UPDATE': {
        const p = (e as ProjectedEvent<'VENUE_ORDER_UPDATE'>).payload;
        this.setVenueUpdate.run({
          ...key, status: p.status, remainingSize: p.remainingSize, cancelReason: p.cancelReason ?? null,
          venueOrderId: e.venueOrderId,
        });
        return;
      }
      case 'FILL':
        this.fill(e as ProjectedEvent<'FILL'>);
        return;
      case 'TRADE_BUST':
      case 'FILL_REVERSED':
        // A bust and a reversal both take the fill out of the position; the fill row stays, flagged.
        this.bust(e as ProjectedEvent<'TRADE_BUST'>);
        return;
    }
  }

  private fill(e: ProjectedEvent<'FILL'>): void {
    const p = e.payload;
    const market = e.market as string;
    const inserted = this.insertFill.run({
      venue: e.venue, fillId: p.fillId, clientId: e.clientId, venueOrderId: e.venueOrderId, market, side: p.side,
      price: p.price, size: p.size, fee: p.fee, liquidity: p.liquidity, fillType: p.fillType,
      realizedPnl: p.realizedPnl ?? null, seq: e.seq,
    });
    if (inserted.changes === 0) return;
    this.movePosition(e.venue, market, signed(p.side, p.size), e.seq);
    if (e.clientId !== null) this.moveFilled(e.clientId, new Exact(p.size), e.seq);
  }

  private bust(e: ProjectedEvent<'TRADE_BUST'>): void {
    const busted = this.bustFill.get({ venue: e.venue, fillId: e.payload.fillId, seq: e.seq }) as
      | { clientId: string | null; market: string; side: Side; size: string }
      | undefined;
    if (!busted) return;
    this.movePosition(e.venue, busted.market, signed(busted.side, busted.size).neg(), e.seq);
    if (busted.clientId !== null) this.moveFilled(busted.clientId, new Exact(busted.size).neg(), e.seq);
  }

  private movePosition(venue: string, market: string, delta: Decimal, seq: number): void {
    const current = (this.positionSize.get(venue, market) as string | undefined) ?? '0';
    this.upsertPosition.run({ venue, market, size: plain(new Exact(current).plus(delta)), seq });
  }

  private moveFilled(clientId: string, delta: Decimal, seq: number): void {
    const current = this.filledSize.get(clientId) as string | undefined;
    if (current === undefined) return;
    this.setFilled.run(plain(new Exact(current).plus(delta)), seq, clientId);
  }
}

export function readOrders(db: Database.Database, filter: { clientId?: string; venue?: string } = {}): OrderRow[] {
  const rows = db
    .prepare(
      `SELECT client_id AS clientId, venue, market, side, type, size, price, trigger_price AS triggerPrice,
         post_only AS postOnly, reduce_only AS reduceOnly, venue_order_id AS venueOrderId, state, reason,
         remaining_size AS remainingSize, filled_size AS filledSize, cancel_state AS cancelState,
         cancel_reason AS cancelReason, intent_seq AS intentSeq, last_seq AS lastSeq
       FROM orders WHERE (@clientId IS NULL OR client_id = @clientId) AND (@venue IS NULL OR venue = @venue)
       ORDER BY intent_seq`,
    )
    .all({ clientId: filter.clientId ?? null, venue: filter.venue ?? null }) as (Omit<OrderRow, 'postOnly' | 'reduceOnly'> & { postOnly: number; reduceOnly: number })[];
  return rows.map((r) => ({ ...r, postOnly: r.postOnly === 1, reduceOnly: r.reduceOnly === 1 }));
}

export function readFills(db: Database.Database, filter: { clientId?: string; market?: string } = {}): FillRow[] {
  const rows = db
    .prepare(
      `SELECT venue, fill_id AS fillId, client_id AS clientId, venue_order_id AS venueOrderId, market, side, price, size,
         fee, liquidity, fill_type AS fillType, realized_pnl AS realizedPnl, busted, seq, bust_seq AS bustSeq
       FROM fills WHERE (@clientId IS NULL OR client_id = @clientId) AND (@market IS NULL OR market = @market)
       ORDER BY seq`,
    )
    .all({ clientId: filter.clientId ?? null, market: filter.market ?? null }) as (Omit<FillRow, 'busted'> & { busted: number })[];
  return rows.map((r) => ({ ...r, busted: r.busted === 1 }));
}

export function readPositions(db: Database.Database): PositionRow[] {
  return db
    .prepare('SELECT venue, market, size, last_seq AS lastSeq FROM positions ORDER BY venue, market')
    .all() as PositionRow[];
}
