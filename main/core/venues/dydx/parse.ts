/**
 * dYdX v4 payloads → port types. What does not map one to one is decided here, once:
 *  - fill types follow the indexer code, not the docs page (venue-apis.md §2.4): LIQUIDATED is a
 *    fill of *this* subaccount being liquidated → LIQUIDATION; DELEVERAGED (this subaccount
 *    deleveraged) → DELEVERAGE; OFFSETTING (a healthy position the venue closed against a
 *    deleveraged one) → OFFSETTING; LIQUIDATION (we absorbed someone else's liquidation as maker)
 *    and TWAP suborders are ordinary fills; a type not listed is kept as the indexer wrote it.
 *  - BEST_EFFORT_CANCELED may still match, so it stays open (flagged); BEST_EFFORT_OPENED is NEW.
 *  - order types the port lacks keep their venue name in `flags` beside the nearest port type.
 */
import Decimal from 'decimal.js';
import { derivedId } from '../common/derived-id';
import { readMessage } from '../common/drift';
import { describeIssues, type Parsed } from '../common/parsed';
import type {
  FillType, VenueBalance, VenueFill, VenueFunding, VenueMarket, VenueOrder, VenueOrderStatus, VenueOrderType, VenuePosition, VenuePrice,
} from '../port';
import {
  assetPositionSchema, fill, fundingPayment, orderSchema, perpetualMarketSchema, positionSchema, type DydxFillType, type DydxOrder,
  type MarketStatus, type ORDER_TYPES, type REMOVAL_REASONS,
} from './schemas';

export interface DydxMarket {
  ticker: string;
  status: MarketStatus;
  oraclePrice: string | null;
  tickSize: string;
  stepSize: string;
  maintenanceMarginFraction: string;
}

export function readPerpetualMarket(input: unknown): Parsed<DydxMarket> {
  const parsed = perpetualMarketSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: `perpetual market: ${describeIssues(parsed.error)}` };
  const { ticker, status, oraclePrice, tickSize, stepSize, maintenanceMarginFraction } = parsed.data;
  return { ok: true, venueAt: null, value: { ticker, status, oraclePrice, tickSize, stepSize, maintenanceMarginFraction } };
}

export function toVenueMarket(m: DydxMarket): VenueMarket {
  return { symbol: m.ticker, tickSize: m.tickSize, stepSize: m.stepSize, minNotional: null };
}

/** dYdX has one oracle price per market and uses it as the margin (mark) price; there is no separate index. */
export function oraclePrice(market: string, price: string): VenuePrice {
  return { market, markPrice: price, indexPrice: null, lastTradedPrice: null, externalFairPrice: null };
}

const PORT_TYPES: Record<(typeof ORDER_TYPES)[number], VenueOrderType> = {
  LIMIT: 'LIMIT',
  MARKET: 'MARKET',
  STOP_LIMIT: 'STOP_LIMIT',
  STOP_MARKET: 'STOP_MARKET',
  TRAILING_STOP: 'STOP_MARKET',
  TAKE_PROFIT: 'TAKE_PROFIT_LIMIT',
  TAKE_PROFIT_MARKET: 'TAKE_PROFIT_MARKET',
  TWAP: 'MARKET',
  TWAP_SUBORDER: 'MARKET',
};

/** Venue types the port has no word for: the nearest port type is used and the venue's name kept. */
const APPROXIMATED_TYPES = new Set<string>(['TRAILING_STOP', 'TWAP', 'TWAP_SUBORDER']);

const PORT_STATUSES: Record<DydxOrder['status'], VenueOrderStatus> = {
  OPEN: 'OPEN',
  BEST_EFFORT_OPENED: 'NEW',
  UNTRIGGERED: 'UNTRIGGERED',
  BEST_EFFORT_CANCELED: 'OPEN',
  FILLED: 'CLOSED',
  CANCELED: 'CLOSED',
  ERROR: 'CLOSED',
};

export function readOrder(input: unknown): Parsed<VenueOrder> {
  const parsed = orderSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: `order: ${describeIssues(parsed.error)}` };
  const o = parsed.data;
  const flags = [
    ...(o.reduceOnly ? ['REDUCE_ONLY'] : []),
    ...(APPROXIMATED_TYPES.has(o.type) || !(o.type in PORT_TYPES) ? [o.type] : []),
    ...(o.status === 'BEST_EFFORT_CANCELED' || o.status === 'BEST_EFFORT_OPENED' ? [o.status] : []),
    `ORDER_FLAGS_${o.orderFlags}`,
  ];
  const remaining = Decimal.max(0, new Decimal(o.size).minus(o.totalFilled));
  return {
    ok: true,
    venueAt: o.updatedAt,
    value: {
      venueOrderId: o.id,
      clientId: o.clientId,
      market: o.ticker,
      side: o.side,
      type: PORT_TYPES[o.type as (typeof ORDER_TYPES)[number]] ?? 'LIMIT',
      status: PORT_STATUSES[o.status],
      instruction: o.postOnly ? 'POST_ONLY' : o.timeInForce,
      size: o.size,
      remainingSize: o.status === 'FILLED' ? '0' : remaining.toString(),
      price: o.price,
      triggerPrice: o.triggerPrice,
      avgFillPrice: null,
      flags,
      cancelReason: cancelReason(o),
      venueAt: o.updatedAt,
    },
  };
}

/**
 * The core speaks Paradex's cancel words for what the trader or the order's own terms caused
 * (USER_CANCELED, REMAINING_IOC_CANCEL, POST_ONLY_WOULD_CROSS); every venue-initiated reason is
 * kept verbatim. A replaced order was the trader's doing, so it counts as their cancel.
 */
const CORE_WORDS: Partial<Record<(typeof REMOVAL_REASONS)[number], string>> = {
  ORDER_REMOVAL_REASON_USER_CANCELED: 'USER_CANCELED',
  ORDER_REMOVAL_REASON_REPLACED: 'USER_CANCELED',
  ORDER_REMOVAL_REASON_IMMEDIATE_OR_CANCEL_WOULD_REST_ON_BOOK: 'REMAINING_IOC_CANCEL',
  ORDER_REMOVAL_REASON_FOK_ORDER_COULD_NOT_BE_FULLY_FULLED: 'REMAINING_IOC_CANCEL',
  ORDER_REMOVAL_REASON_POST_ONLY_WOULD_CROSS_MAKER_ORDER: 'POST_ONLY_WOULD_CROSS',
};

/** The removal reason only comes over the WebSocket; a REST cancel says just that it was cancelled. */
function cancelReason(o: DydxOrder): string | null {
  if (o.removalReason && o.removalReason !== 'ORDER_REMOVAL_REASON_FULLY_FILLED') return CORE_WORDS[o.removalReason as (typeof REMOVAL_REASONS)[number]] ?? o.removalReason;
  if (o.status === 'CANCELED' || o.status === 'BEST_EFFORT_CANCELED') return `${o.status} (no removal reason over REST)`;
  if (o.status === 'ERROR') return 'ERROR';
  return null;
}

const PORT_FILL_TYPES: Record<DydxFillType, FillType> = {
  LIMIT: 'FILL',
  LIQUIDATED: 'LIQUIDATION',
  DELEVERAGED: 'DELEVERAGE',
  OFFSETTING: 'OFFSETTING',
  LIQUIDATION: 'FILL',
  TWAP_SUBORDER: 'FILL',
};

/** `clientIdOf` finds the client id of a known order: dYdX fills name only the venue order id. */
export function readFill(input: unknown, clientIdOf: (orderId: string) => string | null): Parsed<VenueFill> {
  const read = readMessage(fill, input);
  if (!read.ok) return read;
  const f = read.data;
  const market = f.market ?? f.ticker;
  if (!market) return { ok: false, problem: 'dydx fill: names no market (neither market nor ticker)', drift: read.drift };
  const orderId = f.orderId ?? null;
  const defaults = [...(f.fee === null ? ['fee'] : []), ...(f.liquidity ? [] : ['liquidity']), ...(f.type ? [] : ['type'])];
  return {
    ok: true,
    venueAt: f.createdAt,
    drift: read.drift,
    value: {
      fillId: f.id,
      venueOrderId: orderId,
      clientId: orderId === null ? null : clientIdOf(orderId),
      market,
      side: f.side,
      liquidity: f.liquidity ?? 'TAKER',
      fillType: f.type === undefined ? 'FILL' : (PORT_FILL_TYPES[f.type as DydxFillType] ?? f.type),
      price: f.price,
      size: f.size,
      fee: f.fee ?? '0',
      feeCurrency: 'USDC',
      realizedPnl: null,
      venueAt: f.createdAt,
      ...(defaults.length > 0 ? { defaults } : {}),
    },
  };
}

/** A funding payment: the indexer gives it no id, so one is derived from market, height and time. */
export function readFundingPayment(input: unknown): Parsed<VenueFunding> {
  const read = readMessage(fundingPayment, input);
  if (!read.ok) return read;
  const p = read.data;
  const identity = derivedId('hash(ticker,createdAtHeight,createdAt)', [p.ticker, p.createdAtHeight, p.createdAt]);
  // The size is unsigned beside its side; the port's position size is signed.
  const size = p.size === null ? null : p.side === 'SHORT' ? new Decimal(p.size).abs().negated().toString() : p.size;
  return {
    ok: true,
    venueAt: p.createdAt,
    drift: read.drift,
    value: { id: identity.id, idDerived: identity.recipe, market: p.ticker, amount: p.payment, rate: p.rate, positionSize: size, venueAt: p.createdAt },
  };
}

export function readAssetBalance(input: unknown): Parsed<VenueBalance> {
  const parsed = assetPositionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: `asset position: ${describeIssues(parsed.error)}` };
  const { symbol, side, size } = parsed.data;
  const magnitude = new Decimal(size).abs();
  return { ok: true, venueAt: null, value: { asset: symbol, size: (side === 'SHORT' ? magnitude.negated() : magnitude).toString(), venueAt: null } };
}

export function readPosition(input: unknown): Parsed<VenuePosition> {
  const parsed = positionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: `position: ${describeIssues(parsed.error)}` };
  const p = parsed.data;
  // The port wants the size signed; take the sign from `side` whichever way the venue wrote it.
  const magnitude = new Decimal(p.size).abs();
  const venueAt = p.closedAt ?? p.createdAt;
  return {
    ok: true,
    venueAt,
    value: {
      market: p.market,
      side: p.side,
      size: (p.side === 'SHORT' ? magnitude.negated() : magnitude).toString(),
      status: p.status === 'OPEN' ? 'OPEN' : 'CLOSED',
      averageEntryPrice: p.entryPrice,
      liquidationPrice: null,
      unrealizedPnl: p.unrealizedPnl,
      realizedPnl: p.realizedPnl,
      venueAt,
    },
  };
}
