/**
 * Positions and cash as a function of fills. The engine applies fills one by one; a trade bust
 * rebuilds the ledger by replaying the surviving fills, so "as if it never happened" holds for
 * position, fees and PnL alike.
 */
import Decimal from 'decimal.js';
import type { Side } from '../../../shared/domain';
import { ZERO } from './money';
import type { Ledger, SimFill, SimPosition } from './model';

export interface Trade {
  fillId: string;
  market: string;
  side: Side;
  price: Decimal;
  size: Decimal;
  fee: Decimal;
  at: number;
}

export function emptyLedger(collateral: Decimal): Ledger {
  return { collateral, positions: new Map() };
}

/** Applies one trade; returns the price PnL it realized (fees excluded). */
export function applyTrade(ledger: Ledger, trade: Trade): Decimal {
  const position = ledger.positions.get(trade.market) ?? flat(trade.market, trade.at);
  ledger.positions.set(trade.market, position);
  const signed = trade.side === 'BUY' ? trade.size : trade.size.neg();
  const before = position.size;
  const after = before.plus(signed);
  let realized = ZERO;

  if (before.isZero() || before.gt(0) === signed.gt(0)) {
    position.averageEntryPrice = before.abs().times(position.averageEntryPrice).plus(trade.size.times(trade.price)).div(after.abs());
    if (before.isZero()) opened(position, trade.at);
  } else {
    const closing = Decimal.min(trade.size, before.abs());
    realized = trade.price.minus(position.averageEntryPrice).times(closing).times(before.gt(0) ? 1 : -1);
    position.realizedPositionalPnl = position.realizedPositionalPnl.plus(realized);
    if (after.isZero()) {
      position.closedAt = trade.at;
    } else if (after.gt(0) !== before.gt(0)) {
      position.averageEntryPrice = trade.price;
      opened(position, trade.at);
    }
  }

  position.size = after;
  if (!after.isZero()) position.side = after.gt(0) ? 'LONG' : 'SHORT';
  position.lastFillId = trade.fillId;
  position.updatedAt = trade.at;
  ledger.collateral = ledger.collateral.plus(realized).minus(trade.fee);
  return realized;
}

export function rebuildLedger(collateral: Decimal, fills: readonly SimFill[], busted: ReadonlySet<string>): Ledger {
  const ledger = emptyLedger(collateral);
  for (const f of fills) {
    if (busted.has(f.id)) continue;
    applyTrade(ledger, { fillId: f.id, market: f.market, side: f.side, price: f.price, size: f.size, fee: f.fee, at: f.createdAt });
  }
  return ledger;
}

/**
 * Markets `before` had a position in and `after` has none get a flat record in `after`, so that
 * clients are told the position went flat rather than hearing nothing about it.
 */
export function keepFlatRecords(before: Ledger, after: Ledger, at: number): void {
  for (const [market, p] of before.positions) {
    if (!after.positions.has(market)) after.positions.set(market, { ...p, size: ZERO, closedAt: at, updatedAt: at });
  }
}

export function cloneLedger(ledger: Ledger): Ledger {
  return { collateral: ledger.collateral, positions: new Map([...ledger.positions].map(([k, p]) => [k, { ...p }])) };
}

function flat(market: string, at: number): SimPosition {
  return {
    id: `position-${market}`,
    market,
    size: ZERO,
    averageEntryPrice: ZERO,
    realizedPositionalPnl: ZERO,
    side: 'LONG',
    lastFillId: '',
    createdAt: at,
    closedAt: null,
    updatedAt: at,
    seqNo: 0,
  };
}

function opened(position: SimPosition, at: number): void {
  position.createdAt = at;
  position.closedAt = null;
  position.realizedPositionalPnl = ZERO;
}
