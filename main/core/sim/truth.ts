/**
 * The simulated venue's ground truth, as plain strings: every order it accepted, every fill it
 * made (busted or standing), and each market's position. What the fuzzer's oracle holds a
 * replay's journal against; nothing here is what a client could see over the venue's API.
 */
import type { Side } from '../../../shared/domain';
import type { SimEngine } from './engine';
import { plain } from './money';
import type { FillType, OrderStatus } from './model';

export interface TruthOrder {
  id: string;
  clientId: string;
  market: string;
  type: string;
  size: string;
  status: OrderStatus;
  cancelReason: string | null;
}

export interface TruthFill {
  id: string;
  orderId: string;
  clientId: string;
  market: string;
  side: Side;
  size: string;
  price: string;
  fillType: FillType;
  /** Reversed by a trade bust; a fill a rollback undid is simply absent. */
  busted: boolean;
}

export interface VenueTruth {
  orders: TruthOrder[];
  /** Every fill the venue's book holds now, busted ones included. */
  fills: TruthFill[];
  positions: { market: string; size: string }[];
}

export function venueTruth(engine: SimEngine): VenueTruth {
  const standing = new Set(engine.fills().map((f) => f.id));
  const busted = new Set(engine.tradebusts().map((b) => b.fillId));
  return {
    orders: engine.orders().map((o) => ({ id: o.id, clientId: o.clientId, market: o.market, type: o.type, size: plain(o.size), status: o.status, cancelReason: o.cancelReason })),
    fills: engine.allFills().map((f) => ({
      id: f.id, orderId: f.orderId, clientId: f.clientId, market: f.market, side: f.side,
      size: plain(f.size), price: plain(f.price), fillType: f.fillType, busted: busted.has(f.id) && !standing.has(f.id),
    })),
    positions: engine.positions().map((p) => ({ market: p.market, size: plain(p.size) })),
  };
}
