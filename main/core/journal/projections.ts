/**
 * Orders, fills, positions, balances and reconcile checkpoints as the journal believes them, per
 * account. The projector runs inside the append transaction, so the tables always agree with the
 * chain and opening a journal never replays it. It never throws on odd-but-valid evidence: a
 * repeated fill id counts once, a second intent for a client id does not overwrite the first. An
 * order placed outside Blackbox (no intent of ours) is projected from the venue's own word, keyed
 * by its venue order id. The events themselves are all kept either way.
 */
import type Database from 'better-sqlite3';
import Decimal from 'decimal.js';
import type { DecimalString, Side } from '../../../shared/domain';
import { BEFORE_ACCOUNTS } from './migrations/0005-accounts';
import type { ProjectedKind, ProjectedPayloads } from './payloads';

/** Sizes are summed exactly: 60 significant digits is far beyond any venue's step size. */
const Exact = Decimal.clone({ precision: 60 });

export interface ProjectedEvent<K extends ProjectedKind = ProjectedKind> {
  seq: number;
  at: number;
  account: string;
  venue: string;
  kind: K;
  market: string | null;
  clientId: string | null;
  venueOrderId: string | null;
  payload: ProjectedPayloads[K];
}

/** own: placed through Blackbox; external: placed elsewhere (the venue's site, another bot); venue: the venue's own (liquidation, ADL, settlement). */
export type Origin = 'own' | 'external' | 'venue';

export interface OrderRow {
  account: string;
  /** The client id for our orders; `venue:<venue order id>` for the others. */
  orderKey: string;
  clientId: string | null;
  origin: Origin;
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
  account: string;
  venue: string;
  fillId: string;
  origin: Origin;
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
  /** The venue's time of the fill, where it said. */
  venueAt: number | null;
  /** How the fact reached the journal: the stream, a REST look-up, or a backfill after a gap. */
  source: string;
  busted: boolean;
  seq: number;
  bustSeq: number | null;
}

export interface PositionRow {
  account: string;
  venue: string;
  market: string;
  /** Signed: positive long, negative short; the sum of non-busted fills. */
  size: DecimalString;
  lastSeq: number;
}

export interface BalanceRow {
  account: string;
  totalCollateral: DecimalString;
  accountValue: DecimalString | null;
  freeCollateral: DecimalString | null;
  seq: number;
}

/** The last complete reconciliation of an account: where the next one continues. */
export interface ReconcileCheckpoint {
  account: string;
  /** When the run completed (local ms). */
  completeAt: number;
  /** The start of the history window the run compared. */
  windowStart: number;
  cursor: string | null;
  seq: number;
}

/** Fill types the venue itself initiates: the fill belongs to no order of the trader's. */
export const VENUE_FILL_TYPES: ReadonlySet<string> = new Set(['LIQUIDATION', 'DELEVERAGE', 'OFFSETTING', 'SETTLE_MARKET']);

const plain = (d: Decimal): string => (d.isZero() ? '0' : d.toFixed());
const signed = (side: Side, size: string): Decimal => (side === 'BUY' ? new Exact(size) : new Exact(size).neg());
export const externalKey = (venueOrderId: string): string => `venue:${venueOrderId}`;

export class Projector {
  private readonly s;

  constructor(db: Database.Database) {
    const orderKeyed = (set: string) => db.prepare(`UPDATE orders SET ${set}, last_seq = @seq WHERE account = @account AND order_key = @key`);
    this.s = {
      insertOrder: db.prepare(
        `INSERT INTO orders (account, order_key, client_id, origin, venue, market, side, type, size, price, trigger_price,
           post_only, reduce_only, venue_order_id, state, reason, remaining_size, filled_size, intent_seq, last_seq)
         VALUES (@account, @key, @clientId, @origin, @venue, @market, @side, @type, @size, @price, @triggerPrice,
           @postOnly, @reduceOnly, @venueOrderId, @state, @reason, @remainingSize, '0', @seq, @seq)
         ON CONFLICT (account, order_key) DO NOTHING`,
      ),
      keyOfClient: db.prepare('SELECT order_key FROM orders WHERE account = ? AND order_key = ?').pluck(),
      keyOfVenueId: db.prepare('SELECT order_key FROM orders WHERE account = ? AND venue_order_id = ? LIMIT 1').pluck(),
      setState: orderKeyed('state = @state, reason = @reason'),
      setAck: orderKeyed(`state = 'acked', venue_order_id = @venueOrderId`),
      // The venue's latest word on an order carries its reason (or none): our own word (an error
      // answer) and an earlier close (a cancel a rollback undid) give way; only a repeated close
      // without a reason keeps the one it had.
      setVenueUpdate: orderKeyed(
        `reason = CASE WHEN state = 'CLOSED' AND @status = 'CLOSED' THEN coalesce(@cancelReason, reason) ELSE @cancelReason END,
         state = @status, remaining_size = @remainingSize, venue_order_id = coalesce(@venueOrderId, venue_order_id)`,
      ),
      setCancel: orderKeyed('cancel_state = @cancelState, cancel_reason = coalesce(@cancelReason, cancel_reason)'),
      filledSize: db.prepare('SELECT filled_size FROM orders WHERE account = ? AND order_key = ?').pluck(),
      setFilled: orderKeyed('filled_size = @filled'),
      insertFill: db.prepare(
        `INSERT INTO fills (account, fill_id, origin, venue, client_id, venue_order_id, market, side, price, size, fee, liquidity,
           fill_type, realized_pnl, venue_at, source, seq)
         VALUES (@account, @fillId, @origin, @venue, @clientId, @venueOrderId, @market, @side, @price, @size, @fee, @liquidity,
           @fillType, @realizedPnl, @venueAt, @source, @seq)
         ON CONFLICT (account, fill_id, venue) DO NOTHING`,
      ),
      bustFill: db.prepare(
        `UPDATE fills SET busted = 1, bust_seq = @seq WHERE account = @account AND venue = @venue AND fill_id = @fillId AND busted = 0
         RETURNING client_id AS clientId, venue_order_id AS venueOrderId, market, side, size`,
      ),
      unbustFill: db.prepare(
        `UPDATE fills SET busted = 0, bust_seq = NULL WHERE account = @account AND venue = @venue AND fill_id = @fillId AND busted = 1
         RETURNING client_id AS clientId, venue_order_id AS venueOrderId, market, side, size`,
      ),
      positionSize: db.prepare('SELECT size FROM positions WHERE account = ? AND venue = ? AND market = ?').pluck(),
      upsertPosition: db.prepare(
        `INSERT INTO positions (account, venue, market, size, last_seq) VALUES (@account, @venue, @market, @size, @seq)
         ON CONFLICT (account, venue, market) DO UPDATE SET size = excluded.size, last_seq = excluded.last_seq`,
      ),
      upsertBalance: db.prepare(
        `INSERT INTO balances (account, total_collateral, account_value, free_collateral, seq)
         VALUES (@account, @totalCollateral, @accountValue, @freeCollateral, @seq)
         ON CONFLICT (account) DO UPDATE SET total_collateral = excluded.total_collateral, account_value = excluded.account_value,
           free_collateral = excluded.free_collateral, seq = excluded.seq`,
      ),
      upsertCheckpoint: db.prepare(
        `INSERT INTO reconcile_checkpoints (account, complete_at, window_start, cursor, seq)
         VALUES (@account, @completeAt, @windowStart, @cursor, @seq)
         ON CONFLICT (account) DO UPDATE SET complete_at = excluded.complete_at, window_start = excluded.window_start,
           cursor = excluded.cursor, seq = excluded.seq`,
      ),
    };
  }

  apply(e: ProjectedEvent): void {
    switch (e.kind) {
      case 'ORDER_INTENT': {
        const p = (e as ProjectedEvent<'ORDER_INTENT'>).payload;
        this.s.insertOrder.run({
          account: e.account, key: p.clientId, clientId: p.clientId, origin: 'own', venue: e.venue, market: p.market, side: p.side,
          type: p.type, size: p.size, price: p.price ?? null, triggerPrice: p.triggerPrice ?? null, postOnly: p.postOnly ? 1 : 0,
          reduceOnly: p.reduceOnly ? 1 : 0, venueOrderId: null, state: p.decision.allowed ? 'intent' : 'denied',
          reason: p.decision.reason ?? null, remainingSize: p.size, seq: e.seq,
        });
        return;
      }
      case 'VENUE_ORDER_UPDATE':
        return this.venueUpdate(e as ProjectedEvent<'VENUE_ORDER_UPDATE'>);
      case 'FILL':
        return this.fill(e as ProjectedEvent<'FILL'>);
      case 'TRADE_BUST':
      case 'FILL_REVERSED':
        // A bust and a reversal both take the fill out of the position; the fill row stays, flagged.
        return this.bust(e as ProjectedEvent<'TRADE_BUST'>);
      case 'OPENING_POSITION':
        if (e.market !== null) this.movePosition(e.account, e.venue, e.market, new Exact((e as ProjectedEvent<'OPENING_POSITION'>).payload.size), e.seq);
        return;
      case 'FILL_RESTORED':
        return this.restore(e as ProjectedEvent<'FILL_RESTORED'>);
      case 'ACCOUNT_SNAPSHOT': {
        const p = (e as ProjectedEvent<'ACCOUNT_SNAPSHOT'>).payload;
        this.s.upsertBalance.run({
          account: e.account, totalCollateral: p.totalCollateral, accountValue: p.accountValue ?? null,
          freeCollateral: p.freeCollateral ?? null, seq: e.seq,
        });
        return;
      }
      case 'RECONCILE_RUN': {
        const p = (e as ProjectedEvent<'RECONCILE_RUN'>).payload;
        if (!p.complete || p.windowStart === undefined) return;
        this.s.upsertCheckpoint.run({ account: e.account, completeAt: e.at, windowStart: p.windowStart, cursor: p.cursor ?? null, seq: e.seq });
        return;
      }
      default:
        return this.command(e);
    }
  }

  /** Our own commands and their answers, keyed by the client id we gave the order. */
  private command(e: ProjectedEvent): void {
    if (e.clientId === null) return;
    const key = { account: e.account, key: e.clientId, seq: e.seq };
    if (this.s.keyOfClient.get(e.account, key.key) === undefined) return;
    switch (e.kind) {
      case 'ORDER_DENIED':
        this.s.setState.run({ ...key, state: 'denied', reason: (e as ProjectedEvent<'ORDER_DENIED'>).payload.reason });
        return;
      case 'ORDER_SENT':
        this.s.setState.run({ ...key, state: 'sent', reason: null });
        return;
      case 'ORDER_ACK':
        this.s.setAck.run({ ...key, venueOrderId: (e as ProjectedEvent<'ORDER_ACK'>).payload.venueOrderId });
        return;
      case 'ORDER_REJECT': {
        const p = (e as ProjectedEvent<'ORDER_REJECT'>).payload;
        this.s.setState.run({ ...key, state: 'rejected', reason: `${p.code}: ${p.message}` });
        return;
      }
      case 'ORDER_UNRESOLVED':
        this.s.setState.run({ ...key, state: 'unresolved', reason: (e as ProjectedEvent<'ORDER_UNRESOLVED'>).payload.reason });
        return;
      case 'CANCEL_INTENT':
        this.s.setCancel.run({ ...key, cancelState: 'requested', cancelReason: (e as ProjectedEvent<'CANCEL_INTENT'>).payload.reason ?? null });
        return;
      case 'CANCEL_ACK':
        this.s.setCancel.run({ ...key, cancelState: 'acked', cancelReason: null });
        return;
      case 'CANCEL_REJECT': {
        const p = (e as ProjectedEvent<'CANCEL_REJECT'>).payload;
        this.s.setCancel.run({ ...key, cancelState: 'rejected', cancelReason: `${p.code}: ${p.message}` });
        return;
      }
      case 'CANCEL_UNRESOLVED':
        this.s.setCancel.run({ ...key, cancelState: 'unresolved', cancelReason: (e as ProjectedEvent<'CANCEL_UNRESOLVED'>).payload.reason });
        return;
    }
  }

  /** The row an order event names: ours by client id, else any by venue order id. */
  private orderKey(account: string, clientId: string | null, venueOrderId: string | null): string | undefined {
    const own = clientId === null ? undefined : (this.s.keyOfClient.get(account, clientId) as string | undefined);
    if (own !== undefined || venueOrderId === null) return own;
    return this.s.keyOfVenueId.get(account, venueOrderId) as string | undefined;
  }

  private venueUpdate(e: ProjectedEvent<'VENUE_ORDER_UPDATE'>): void {
    const p = e.payload;
    const key = this.orderKey(e.account, e.clientId, e.venueOrderId);
    if (key !== undefined) {
      this.s.setVenueUpdate.run({
        account: e.account, key, seq: e.seq, status: p.status, remainingSize: p.remainingSize, cancelReason: p.cancelReason ?? null,
        venueOrderId: e.venueOrderId,
      });
      return;
    }
    // An order placed outside Blackbox: projected from what the venue says of it, when it says enough.
    if (e.venueOrderId === null || e.market === null || !p.side || !p.size || !p.type) return;
    this.s.insertOrder.run({
      account: e.account, key: externalKey(e.venueOrderId), clientId: e.clientId, origin: p.origin ?? 'external', venue: e.venue,
      market: e.market, side: p.side, type: p.type, size: p.size, price: p.price ?? null, triggerPrice: p.triggerPrice ?? null,
      postOnly: p.instruction === 'POST_ONLY' ? 1 : 0, reduceOnly: p.flags?.includes('REDUCE_ONLY') ? 1 : 0, venueOrderId: e.venueOrderId,
      state: p.status, reason: p.cancelReason ?? null, remainingSize: p.remainingSize, seq: e.seq,
    });
  }

  private fill(e: ProjectedEvent<'FILL'>): void {
    const p = e.payload;
    const market = e.market as string;
    const key = this.orderKey(e.account, e.clientId, e.venueOrderId);
    const own = key !== undefined && e.clientId !== null && key === e.clientId;
    const origin: Origin = VENUE_FILL_TYPES.has(p.fillType) ? 'venue' : own ? 'own' : 'external';
    const inserted = this.s.insertFill.run({
      account: e.account, venue: e.venue, fillId: p.fillId, origin, clientId: e.clientId, venueOrderId: e.venueOrderId, market,
      side: p.side, price: p.price, size: p.size, fee: p.fee, liquidity: p.liquidity, fillType: p.fillType,
      realizedPnl: p.realizedPnl ?? null, venueAt: p.venueAt ?? null, source: p.source ?? 'ws', seq: e.seq,
    });
    if (inserted.changes === 0) return;
    this.movePosition(e.account, e.venue, market, signed(p.side, p.size), e.seq);
    if (key !== undefined) this.moveFilled(e.account, key, new Exact(p.size), e.seq);
  }

  private bust(e: ProjectedEvent<'TRADE_BUST'>): void {
    const busted = this.s.bustFill.get({ account: e.account, venue: e.venue, fillId: e.payload.fillId, seq: e.seq }) as
      | { clientId: string | null; venueOrderId: string | null; market: string; side: Side; size: string }
      | undefined;
    if (!busted) return;
    this.movePosition(e.account, e.venue, busted.market, signed(busted.side, busted.size).neg(), e.seq);
    const key = this.orderKey(e.account, busted.clientId, busted.venueOrderId);
    if (key !== undefined) this.moveFilled(e.account, key, new Exact(busted.size).neg(), e.seq);
  }

  private restore(e: ProjectedEvent<'FILL_RESTORED'>): void {
    const restored = this.s.unbustFill.get({ account: e.account, venue: e.venue, fillId: e.payload.fillId }) as
      | { clientId: string | null; venueOrderId: string | null; market: string; side: Side; size: string }
      | undefined;
    if (!restored) return;
    this.movePosition(e.account, e.venue, restored.market, signed(restored.side, restored.size), e.seq);
    const key = this.orderKey(e.account, restored.clientId, restored.venueOrderId);
    if (key !== undefined) this.moveFilled(e.account, key, new Exact(restored.size), e.seq);
  }

  private movePosition(account: string, venue: string, market: string, delta: Decimal, seq: number): void {
    const current = (this.s.positionSize.get(account, venue, market) as string | undefined) ?? '0';
    this.s.upsertPosition.run({ account, venue, market, size: plain(new Exact(current).plus(delta)), seq });
  }

  private moveFilled(account: string, key: string, delta: Decimal, seq: number): void {
    const current = this.s.filledSize.get(account, key) as string | undefined;
    if (current === undefined) return;
    this.s.setFilled.run({ account, key, filled: plain(new Exact(current).plus(delta)), seq });
  }
}

export interface OrderFilter {
  account?: string;
  /** Only orders still in flight or live, or changed at or after this seq. */
  activeOrSinceSeq?: number;
  clientId?: string;
  venueOrderId?: string;
  venue?: string;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared once per connection and query shape: a look-up by one fill id must not cost a prepare. */
function statement(db: Database.Database, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** Only the conditions a filter sets, so that SQLite can use the index for each (`x IS NULL OR …` defeats it). */
function where(conditions: [unknown, string][]): { sql: string; params: unknown[] } {
  const set = conditions.filter(([value]) => value !== undefined);
  return { sql: set.length ? `WHERE ${set.map(([, c]) => c).join(' AND ')}` : '', params: set.map(([value]) => value) };
}

const ACTIVE_STATES = "('intent', 'sent', 'acked', 'unresolved', 'NEW', 'UNTRIGGERED', 'OPEN')";

/**
 * Our own orders are keyed by their client id, so a look-up by client id reads the key; only
 * orders placed elsewhere that carry a client id are found through the client id index (`+`
 * keeps SQLite from walking the account's orders for that half instead).
 */
const BY_CLIENT_ID = "((account = ? AND order_key = ? AND origin = 'own') OR (+account = ? AND client_id = ? AND origin <> 'own'))";
const BY_CLIENT_ID_ANY_ACCOUNT = "((order_key = ? AND origin = 'own') OR (client_id = ? AND origin <> 'own'))";

export function readOrders(db: Database.Database, filter: OrderFilter = {}): OrderRow[] {
  const { account, clientId } = filter;
  const w = where([
    [clientId === undefined ? account : undefined, 'account = ?'],
    [filter.venueOrderId, 'venue_order_id = ?'], [filter.venue, 'venue = ?'],
    [filter.activeOrSinceSeq, `(last_seq >= ? OR state IN ${ACTIVE_STATES})`],
  ]);
  if (clientId !== undefined) {
    const [condition, params] =
      account === undefined ? [BY_CLIENT_ID_ANY_ACCOUNT, [clientId, clientId]] : [BY_CLIENT_ID, [account, clientId, account, clientId]];
    w.sql = w.sql ? w.sql.replace('WHERE ', `WHERE ${condition} AND `) : `WHERE ${condition}`;
    w.params.unshift(...params);
  }
  const rows = statement(
    db,
    `SELECT account, order_key AS orderKey, client_id AS clientId, origin, venue, market, side, type, size, price,
       trigger_price AS triggerPrice, post_only AS postOnly, reduce_only AS reduceOnly, venue_order_id AS venueOrderId,
       state, reason, remaining_size AS remainingSize, filled_size AS filledSize, cancel_state AS cancelState,
       cancel_reason AS cancelReason, intent_seq AS intentSeq, last_seq AS lastSeq
     FROM orders ${w.sql} ORDER BY intent_seq`,
  ).all(...w.params) as (Omit<OrderRow, 'postOnly' | 'reduceOnly'> & { postOnly: number; reduceOnly: number })[];
  return rows.map((r) => ({ ...r, postOnly: r.postOnly === 1, reduceOnly: r.reduceOnly === 1 }));
}

export interface FillFilter {
  account?: string;
  clientId?: string;
  market?: string;
  fillId?: string;
  /** Only fills the venue dates at or after this time (ms), or does not date at all. */
  since?: number;
  /** Only fills recorded after this seq. */
  afterSeq?: number;
}

/** With a fill id, `+seq` keeps SQLite from walking the (account, seq) index for the order instead of looking the id up. */
export function readFills(db: Database.Database, filter: FillFilter = {}): FillRow[] {
  const w = where([
    [filter.account, 'account = ?'], [filter.clientId, 'client_id = ?'], [filter.market, 'market = ?'], [filter.fillId, 'fill_id = ?'],
    [filter.since, '(venue_at >= ? OR venue_at IS NULL)'], [filter.afterSeq, 'seq > ?'],
  ]);
  const rows = statement(
    db,
    `SELECT account, venue, fill_id AS fillId, origin, client_id AS clientId, venue_order_id AS venueOrderId, market, side, price,
       size, fee, liquidity, fill_type AS fillType, realized_pnl AS realizedPnl, venue_at AS venueAt, source, busted, seq,
       bust_seq AS bustSeq
     FROM fills ${w.sql} ORDER BY ${filter.fillId === undefined ? 'seq' : '+seq'}`,
  ).all(...w.params) as (Omit<FillRow, 'busted'> & { busted: number })[];
  return rows.map((r) => ({ ...r, busted: r.busted === 1 }));
}

/** One fill's busted flag by its key, or undefined when the account holds no such fill (the door asks this per fact). */
export function fillBusted(db: Database.Database, account: string, venue: string, fillId: string): number | undefined {
  return statement(db, 'SELECT busted FROM fills WHERE account = ? AND fill_id = ? AND venue = ?').pluck().get(account, fillId, venue) as number | undefined;
}

export function readPositions(db: Database.Database, filter: { account?: string } = {}): PositionRow[] {
  const w = where([[filter.account, 'account = ?']]);
  return statement(db, `SELECT account, venue, market, size, last_seq AS lastSeq FROM positions ${w.sql} ORDER BY account, venue, market`).all(...w.params) as PositionRow[];
}

export function readBalance(db: Database.Database, account: string): BalanceRow | null {
  return (
    (db
      .prepare(
        `SELECT account, total_collateral AS totalCollateral, account_value AS accountValue, free_collateral AS freeCollateral, seq
         FROM balances WHERE account = ?`,
      )
      .get(account) as BalanceRow | undefined) ?? null
  );
}

export function readCheckpoint(db: Database.Database, account: string): ReconcileCheckpoint | null {
  return (
    (db
      .prepare(
        `SELECT account, complete_at AS completeAt, window_start AS windowStart, cursor, seq FROM reconcile_checkpoints WHERE account = ?`,
      )
      .get(account) as ReconcileCheckpoint | undefined) ?? null
  );
}

/**
 * The accounts the journal holds records of, in name order: one index step per account (a skip
 * scan), so a million records cost what a handful do; from migration 7 the index is the filter
 * keys', and the few events it has not caught up with are read directly. A file from before
 * accounts holds one.
 */
export function readAccounts(db: Database.Database): string[] {
  const columns = statement(db, 'SELECT name FROM pragma_table_info(?)').pluck().all('events') as string[];
  if (!columns.includes('account')) return statement(db, 'SELECT 1 FROM events LIMIT 1').get() ? [BEFORE_ACCOUNTS] : [];
  const keyed = statement(db, "SELECT 1 FROM sqlite_master WHERE name = 'event_keys'").get() !== undefined;
  const table = keyed ? 'event_keys' : 'events';
  const indexed = statement(
    db,
    `WITH RECURSIVE named(account) AS (
       SELECT min(account) FROM ${table}
       UNION ALL SELECT (SELECT min(account) FROM ${table} WHERE account > named.account) FROM named WHERE named.account IS NOT NULL
     ) SELECT account FROM named WHERE account IS NOT NULL`,
  ).pluck().all() as string[];
  if (!keyed) return indexed;
  const recent = statement(db, 'SELECT DISTINCT account FROM events WHERE seq > (SELECT seq FROM search_indexed)').pluck().all() as string[];
  return [...new Set([...indexed, ...recent])].sort();
}
