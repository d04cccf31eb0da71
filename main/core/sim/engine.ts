/**
 * The simulated venue's engine: deterministic, decimal.js only, all time from the injected
 * Clock. A heartbeat every virtual second advances the chain, moves each index along the
 * reference path, requotes the maker, fills resting limits the mark reached, runs triggers and
 * then the liquidation check. Scenario venue actions arrive through `apply`. Every change is
 * announced synchronously to listeners (see events.ts).
 */
import Decimal from 'decimal.js';
import type { ApiOutageMode, ScenarioVenueStatus, VenueAction } from '../scenario/types';
import type { Clock } from '../clock';
import { bustFills } from './bust';
import { ChainForks } from './chain';
import { marketSpec, DEFAULT_INITIAL_HEIGHT, type SimConfig } from './config';
import { SIM_DEV_ACCOUNT } from './dev-credentials';
import type { SimResult } from './errors';
import type { SimEvent, SimListener } from './events';
import { closeOrder } from './execution';
import { emptyLedger, keepFlatRecords } from './ledger';
import { checkLiquidation } from './liquidation';
import { equity, liquidationPrice, requirement } from './margin';
import { refreshMarket } from './market-maker';
import { fillRestingLimits } from './matching';
import { ZERO } from './money';
import type { MarketState, SimContext, SimFill, SimOrder, SimPosition, Tradebust, VenueBook } from './model';
import { IdSource } from './ids';
import { cancelAll, cancelOrder, findOrder, placeOrder, type Gate, type OrderRef } from './order-entry';
import { settleMarket } from './settlement';
import { cloneBook } from './snapshots';
import { TimedWindows } from './timed-windows';
import { runTriggers } from './triggers';

export const HEARTBEAT_MS = 1000;

export interface Connectivity {
  /** While set, every REST call answers 503 and WebSockets are dropped and refused. */
  apiOutage: ApiOutageMode | null;
  /** apiOutage or disconnect: WebSockets are dropped and refused. */
  websocketsRefused: boolean;
  /** No blocks, nothing matches or triggers, orders and cancels time out. */
  halted: boolean;
}

export interface AccountSummary {
  account: string;
  equity: Decimal;
  collateral: Decimal;
  initialMarginRequirement: Decimal;
  maintenanceMarginRequirement: Decimal;
  status: 'ACTIVE' | 'LIQUIDATION';
  seqNo: number;
  updatedAt: number;
}

export class SimEngine {
  readonly account: string;
  private readonly ctx: SimContext;
  private readonly reference: SimConfig['reference'];
  private status: ScenarioVenueStatus = 'ok';
  private outageMode: ApiOutageMode | null = null;
  private readonly windows: TimedWindows;
  private readonly snapshots = new Map<string, VenueBook>();
  private readonly forks = new ChainForks();
  private readonly listeners = new Set<SimListener>();
  private cancelHeartbeat: (() => void) | null = null;
  private accountSeqNo = 0;
  private accountUpdatedAt: number;

  constructor(readonly clock: Clock, config: SimConfig) {
    this.account = config.account ?? SIM_DEV_ACCOUNT;
    this.reference = config.reference;
    this.windows = new TimedWindows(clock);
    const now = clock.now();
    this.accountUpdatedAt = now;
    const markets = new Map<string, MarketState>();
    for (const m of config.markets) {
      const spec = marketSpec(m);
      const oracle = config.reference.referenceAt(spec.symbol, now);
      const state: MarketState = {
        spec, oracle, frozen: false, override: null, mark: oracle, bid: oracle, ask: oracle,
        drained: false, settled: false, lastTraded: null, totalVolume: ZERO, orderbookSeq: 0, updatedAt: now,
      };
      refreshMarket(state, now);
      markets.set(spec.symbol, state);
    }
    const initialCollateral = new Decimal(config.collateral);
    this.ctx = {
      clock,
      markets,
      book: {
        orders: new Map(), open: new Map(), byClientId: new Map(), fills: [], busted: new Set(), busts: [],
        ledger: emptyLedger(initialCollateral), height: config.initialHeight ?? DEFAULT_INITIAL_HEIGHT,
      },
      ids: new IdSource(),
      initialCollateral,
      accountStatus: 'ACTIVE',
      emit: (event) => this.emit(event),
    };
  }

  /** Starts the one-second heartbeat on the engine's clock. */
  start(): void {
    if (this.cancelHeartbeat) return;
    const beat = () => {
      this.cancelHeartbeat = this.clock.setTimer(HEARTBEAT_MS, beat);
      this.heartbeat();
    };
    this.cancelHeartbeat = this.clock.setTimer(HEARTBEAT_MS, beat);
  }

  /** Stops the heartbeat and every pending fault window. */
  stop(): void {
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = null;
    this.windows.clear();
  }

  /** Listens to every change, synchronously; returns the unsubscribe function. */
  on(listener: SimListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── read side ────────────────────────────────────────────────────────────────────────────

  venueStatus(): ScenarioVenueStatus {
    return this.status;
  }

  connectivity(): Connectivity {
    const outage = this.windows.isOpen('apiOutage') ? this.outageMode : null;
    return { apiOutage: outage, websocketsRefused: outage !== null || this.windows.isOpen('disconnect'), halted: this.isHalted() };
  }

  height(): number {
    return this.ctx.book.height;
  }

  blockHash(height: number): string {
    return this.forks.blockHash(height);
  }

  markets(): readonly MarketState[] {
    return [...this.ctx.markets.values()];
  }

  market(symbol: string): MarketState | undefined {
    return this.ctx.markets.get(symbol);
  }

  /** Every order the venue knows, oldest first. */
  orders(): readonly SimOrder[] {
    return [...this.ctx.book.orders.values()];
  }

  openOrders(market?: string): readonly SimOrder[] {
    return [...this.ctx.book.open.values()].filter((o) => market === undefined || o.market === market);
  }

  order(ref: OrderRef): SimOrder | undefined {
    return findOrder(this.ctx, ref);
  }

  /** Fill history, oldest first; busted fills are gone from it (see tradebusts). */
  fills(): readonly SimFill[] {
    return this.ctx.book.fills.filter((f) => !this.ctx.book.busted.has(f.id));
  }

  /** Every fill in the book, busted ones included (ground truth for tests; the API serves `fills`). */
  allFills(): readonly SimFill[] {
    return this.ctx.book.fills;
  }

  tradebusts(): readonly Tradebust[] {
    return this.ctx.book.busts;
  }

  positions(): readonly SimPosition[] {
    return [...this.ctx.book.ledger.positions.values()];
  }

  position(market: string): SimPosition | undefined {
    return this.ctx.book.ledger.positions.get(market);
  }

  liquidationPrice(market: string): Decimal | null {
    return liquidationPrice(this.ctx.book.ledger, this.ctx.markets, market);
  }

  accountSummary(): AccountSummary {
    const { ledger } = this.ctx.book;
    return {
      account: this.account,
      equity: equity(ledger, this.ctx.markets),
      collateral: ledger.collateral,
      initialMarginRequirement: requirement(ledger, this.ctx.markets, 'initialMargin'),
      maintenanceMarginRequirement: requirement(ledger, this.ctx.markets, 'maintenanceMargin'),
      status: this.ctx.accountStatus,
      seqNo: this.accountSeqNo,
      updatedAt: this.accountUpdatedAt,
    };
  }

  // ── order entry (what the REST server calls) ─────────────────────────────────────────────

  placeOrder(body: unknown): SimResult<SimOrder> {
    return placeOrder(this.ctx, this.gate(), body);
  }

  cancelOrder(ref: OrderRef): SimResult<SimOrder> {
    return cancelOrder(this.ctx, this.gate(), ref);
  }

  cancelAll(market?: string): SimResult<SimOrder[]> {
    return cancelAll(this.ctx, this.gate(), market);
  }

  // ── scenario venue actions ───────────────────────────────────────────────────────────────

  /** Applies one venue action of DESIGN §12 now; throws for an action that cannot apply. */
  apply(action: VenueAction): void {
    switch (action.kind) {
      case 'status':
        this.status = action.status;
        this.emit({ type: 'status', status: action.status });
        return;
      case 'snapshot':
        this.snapshots.set(action.name, cloneBook(this.ctx.book));
        return;
      case 'rollback':
        return this.rollback(action.name);
      case 'markOverride':
        this.marketOf(action.market).override = new Decimal(action.price);
        return this.markChanged(action.market);
      case 'markRelease':
        this.marketOf(action.market).override = null;
        return this.followReference(action.market);
      case 'oracleFreeze':
        this.marketOf(action.market).frozen = true;
        return;
      case 'oracleRelease':
        this.marketOf(action.market).frozen = false;
        return this.followReference(action.market);
      case 'cancelOpenOrders':
        for (const order of this.openOrders(action.market)) {
          if (!action.except.includes(order.type)) closeOrder(this.ctx, order, action.reason);
        }
        return;
      case 'bustFill':
        bustFills(this.ctx, action.clientId);
        if (!this.isHalted()) checkLiquidation(this.ctx);
        return;
      case 'apiOutage':
        this.outageMode = action.mode;
        return this.openWindow('apiOutage', action.seconds, () => this.emit({ type: 'connectivity' }));
      case 'disconnect':
        return this.openWindow('disconnect', action.seconds, () => this.emit({ type: 'connectivity' }));
      case 'halt':
        return this.openWindow('halt', action.seconds, () => this.emit({ type: 'connectivity' }));
      case 'settle':
        settleMarket(this.ctx, this.marketOf(action.market), new Decimal(action.price));
        if (!this.isHalted()) checkLiquidation(this.ctx);
        return;
      case 'liquidityDrain': {
        const market = this.marketOf(action.market);
        this.setDrained(market, true);
        this.windows.open(`drain:${action.market}`, action.seconds, () => this.setDrained(market, false));
        return;
      }
    }
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private heartbeat(): void {
    const now = this.clock.now();
    const halted = this.isHalted();
    if (!halted) {
      this.ctx.book.height += 1;
      this.emit({ type: 'height', height: this.ctx.book.height });
    }
    const moved: MarketState[] = [];
    for (const market of this.ctx.markets.values()) {
      if (market.settled) continue;
      if (!market.frozen) market.oracle = this.reference.referenceAt(market.spec.symbol, now);
      refreshMarket(market, now);
      this.emit({ type: 'summary', market: market.spec.symbol });
      moved.push(market);
    }
    this.afterMarkChange(moved);
  }

  /** Resting limits, then triggers, then liquidation; none of it while halted. */
  private afterMarkChange(markets: MarketState[]): void {
    if (this.isHalted()) return;
    for (const market of markets) {
      fillRestingLimits(this.ctx, market);
      runTriggers(this.ctx, market);
    }
    checkLiquidation(this.ctx);
  }

  private followReference(symbol: string): void {
    const market = this.marketOf(symbol);
    if (!market.frozen) market.oracle = this.reference.referenceAt(symbol, this.clock.now());
    this.markChanged(symbol);
  }

  private markChanged(symbol: string): void {
    const market = this.marketOf(symbol);
    refreshMarket(market, this.clock.now());
    this.emit({ type: 'summary', market: symbol });
    this.afterMarkChange([market]);
  }

  private setDrained(market: MarketState, drained: boolean): void {
    market.drained = drained;
    refreshMarket(market, this.clock.now());
    this.emit({ type: 'summary', market: market.spec.symbol });
  }

  private rollback(name: string): void {
    const snapshot = this.snapshots.get(name);
    if (!snapshot) throw new Error(`rollback: no snapshot named "${name}"`);
    const before = this.ctx.book.ledger;
    this.forks.rolledBackTo(snapshot.height);
    // Clone again so the same snapshot can be rolled back to more than once.
    this.ctx.book = cloneBook(snapshot);
    keepFlatRecords(before, this.ctx.book.ledger, this.clock.now());
    this.ctx.accountStatus = 'ACTIVE';
    // Fresh seq_no so clients that deduplicate by it take the restored positions as news.
    for (const p of this.ctx.book.ledger.positions.values()) p.seqNo = this.ctx.ids.seqNo();
    this.emit({ type: 'height', height: this.ctx.book.height });
    for (const market of this.ctx.book.ledger.positions.keys()) this.emit({ type: 'position', market });
    this.emit({ type: 'account' });
  }

  private openWindow(key: 'apiOutage' | 'disconnect' | 'halt', seconds: number, onEnd: () => void): void {
    this.windows.open(key, seconds, onEnd);
    this.emit({ type: 'connectivity' });
  }

  private isHalted(): boolean {
    return this.windows.isOpen('halt');
  }

  private gate(): Gate {
    return { status: this.status, halted: this.isHalted() };
  }

  private marketOf(symbol: string): MarketState {
    const market = this.ctx.markets.get(symbol);
    if (!market) throw new Error(`unknown market "${symbol}"`);
    return market;
  }

  private emit(event: SimEvent): void {
    if (event.type === 'account') {
      this.accountSeqNo = this.ctx.ids.seqNo();
      this.accountUpdatedAt = this.clock.now();
    }
    for (const listener of this.listeners) listener(event);
  }
}
