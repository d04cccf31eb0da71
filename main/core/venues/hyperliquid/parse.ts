/**
 * Hyperliquid payloads → port types. What does not map one to one is decided here, once:
 *  - a fill with `liquidation` whose liquidated user is the watched address is a LIQUIDATION;
 *    `dir:"Auto-Deleveraging"` against someone else's liquidation is our position closed by the
 *    venue → DELEVERAGE; anything else (e.g. we took the other side) is an ordinary FILL.
 *  - a fill without `tid` gets an id derived from hash, oid, time, px and sz (recorded beside it).
 *  - `canceled` is the trader's own cancel and `badAloPxRejected`/`iocCancelRejected` follow from
 *    the order's terms: they take the core's Paradex words; every other final status
 *    (`marginCanceled`, `scheduledCancel`, `*Rejected`, …) is kept verbatim as venue-initiated.
 */
import Decimal from 'decimal.js';
import { derivedId } from '../common/derived-id';
import { readMessage, type FieldDrift } from '../common/drift';
import { describeIssues, type Parsed } from '../common/parsed';
import type {
  FillType, VenueAccount, VenueBalance, VenueFill, VenueFunding, VenueMarket, VenueOrder, VenueOrderStatus, VenueOrderType, VenuePosition, VenuePrice,
} from '../port';
import {
  assetCtxSchema, assetPosition, basicOrderSchema, clearinghouseState, fill, frontendOrderSchema, orderStatusEntrySchema,
  spotBalance, universeItemSchema, userFunding, wsFunding,
} from './schemas';

function fail(what: string, error: { issues: unknown[] } & Parameters<typeof describeIssues>[0]): { ok: false; problem: string } {
  return { ok: false, problem: `${what}: ${describeIssues(error)}` };
}

/**
 * Sizes step by 10^-szDecimals; prices may carry at most 6 − szDecimals decimals (and 5
 * significant figures, which depends on the price), so the tick given is the finest allowed.
 */
export function readMarket(input: unknown): Parsed<VenueMarket & { delisted: boolean }> {
  const parsed = universeItemSchema.safeParse(input);
  if (!parsed.success) return fail('universe', parsed.error);
  const { name, szDecimals, isDelisted } = parsed.data;
  const tick = new Decimal(10).pow(-Math.max(0, 6 - szDecimals));
  return {
    ok: true,
    venueAt: null,
    value: { symbol: name, stepSize: new Decimal(10).pow(-szDecimals).toFixed(), tickSize: tick.toFixed(), minNotional: null, delisted: isDelisted ?? false },
  };
}

export function readAssetCtx(coin: string, input: unknown): Parsed<VenuePrice> {
  const parsed = assetCtxSchema.safeParse(input);
  if (!parsed.success) return fail(`asset ctx ${coin}`, parsed.error);
  return { ok: true, venueAt: null, value: { market: coin, markPrice: parsed.data.markPx, indexPrice: parsed.data.oraclePx, lastTradedPrice: null, externalFairPrice: null } };
}

const TYPES: Record<string, VenueOrderType> = {
  Market: 'MARKET',
  Limit: 'LIMIT',
  'Stop Market': 'STOP_MARKET',
  'Stop Limit': 'STOP_LIMIT',
  'Take Profit Market': 'TAKE_PROFIT_MARKET',
  'Take Profit Limit': 'TAKE_PROFIT_LIMIT',
};

const INSTRUCTIONS: Record<string, string> = {
  Gtc: 'GTC', Ioc: 'IOC', Alo: 'POST_ONLY', FrontendMarket: 'FrontendMarket', LiquidationMarket: 'LiquidationMarket',
};

/** An order from `frontendOpenOrders` (or inside `historicalOrders`), still live. */
export function readFrontendOrder(input: unknown): Parsed<VenueOrder> {
  const parsed = frontendOrderSchema.safeParse(input);
  if (!parsed.success) return fail('order', parsed.error);
  const o = parsed.data;
  // A type the port has no word for is kept in flags beside the nearest port type.
  const type = TYPES[o.orderType];
  return {
    ok: true,
    venueAt: o.timestamp,
    value: {
      venueOrderId: o.oid,
      clientId: o.cloid ?? null,
      market: o.coin,
      side: o.side,
      type: type ?? (o.isTrigger ? 'STOP_LIMIT' : 'LIMIT'),
      status: o.isTrigger ? 'UNTRIGGERED' : 'OPEN',
      instruction: o.tif ? (INSTRUCTIONS[o.tif] ?? o.tif) : null,
      size: o.origSz,
      remainingSize: o.sz,
      price: o.limitPx,
      triggerPrice: o.isTrigger ? o.triggerPx : null,
      avgFillPrice: null,
      flags: [
        ...(o.reduceOnly ? ['REDUCE_ONLY'] : []), ...(o.isPositionTpsl ? ['POSITION_TPSL'] : []), ...(o.isTrigger ? [o.triggerCondition] : []),
        ...(type ? [] : [o.orderType]),
      ],
      cancelReason: null,
      venueAt: o.timestamp,
    },
  };
}

const CORE_WORDS: Record<string, string> = { canceled: 'USER_CANCELED', badAloPxRejected: 'POST_ONLY_WOULD_CROSS', iocCancelRejected: 'REMAINING_IOC_CANCEL' };

/** Status words: venue-apis.md §3.2; newer `…Canceled`/`…Cancel`/`…Rejected` words are read the same way. */
function readStatus(status: string): { status: VenueOrderStatus; cancelReason: string | null } | null {
  if (status === 'open') return { status: 'OPEN', cancelReason: null };
  if (status === 'triggered') return { status: 'OPEN', cancelReason: null };
  if (status === 'filled') return { status: 'CLOSED', cancelReason: null };
  if (status === 'rejected' || /(Canceled|Cancel|Rejected)$/.test(status) || status === 'canceled') {
    return { status: 'CLOSED', cancelReason: CORE_WORDS[status] ?? status };
  }
  return null;
}

/**
 * An order with a status word (`historicalOrders`, `orderStatus`, `orderUpdates`). `orderUpdates`
 * carries the basic order only; type, time in force and trigger come from `known`, the copy last
 * read in full, and an order never read in full is reported as the limit order every Hyperliquid
 * order rests as.
 */
export function readOrderWithStatus(input: unknown, known: (oid: string) => VenueOrder | undefined): Parsed<VenueOrder> {
  const entry = orderStatusEntrySchema.safeParse(input);
  if (!entry.success) return fail('order status', entry.error);
  const mapped = readStatus(entry.data.status);
  if (!mapped) return { ok: false, problem: `order status: unknown status ${entry.data.status}` };
  const full = readFrontendOrder(entry.data.order);
  const basic = basicOrderSchema.safeParse(entry.data.order);
  if (!full.ok && !basic.success) return fail('order', basic.error);
  const base: VenueOrder = full.ok ? full.value : fromBasic(basic.data!, known(basic.data!.oid));
  const venueAt = entry.data.statusTimestamp;
  return { ok: true, venueAt, value: { ...base, ...mapped, venueAt } };
}

function fromBasic(o: NonNullable<ReturnType<typeof basicOrderSchema.safeParse>['data']>, known: VenueOrder | undefined): VenueOrder {
  return {
    venueOrderId: o.oid,
    clientId: o.cloid ?? known?.clientId ?? null,
    market: o.coin,
    side: o.side,
    type: known?.type ?? 'LIMIT',
    status: 'OPEN',
    instruction: known?.instruction ?? null,
    size: o.origSz,
    remainingSize: o.sz,
    price: o.limitPx,
    triggerPrice: known?.triggerPrice ?? null,
    avgFillPrice: null,
    flags: known?.flags ?? [],
    cancelReason: null,
    venueAt: o.timestamp,
  };
}

export function readFill(input: unknown, user: string): Parsed<VenueFill> {
  const read = readMessage(fill, input);
  if (!read.ok) return read;
  const f = read.data;
  const identity = f.tid === undefined ? derivedId('hash(hash,oid,time,px,sz)', [f.hash, f.oid, f.time, f.px, f.sz]) : null;
  const defaults = [...(f.crossed === undefined ? ['crossed'] : []), ...(f.fee === null ? ['fee'] : [])];
  return {
    ok: true,
    venueAt: f.time,
    drift: read.drift,
    value: {
      fillId: identity ? identity.id : (f.tid as string),
      venueOrderId: f.oid ?? null,
      clientId: f.cloid ?? null,
      market: f.coin,
      side: f.side,
      liquidity: f.crossed === false ? 'MAKER' : 'TAKER',
      fillType: fillType(f, user),
      price: f.px,
      size: f.sz,
      fee: f.fee ?? '0',
      feeCurrency: f.feeToken ?? null,
      realizedPnl: f.closedPnl,
      venueAt: f.time,
      ...(identity ? { fillIdDerived: identity.recipe } : {}),
      ...(defaults.length > 0 ? { defaults } : {}),
    },
  };
}

/** The older schema marks a liquidation fill with `liquidationMarkPx` only, on the liquidated account's own fills. */
function fillType(f: { dir?: string; liquidation?: { liquidatedUser?: string | null } | null; liquidationMarkPx: string | null }, user: string): FillType {
  const liquidated = f.liquidation ? f.liquidation.liquidatedUser : undefined;
  const ours = f.liquidation && (!liquidated || liquidated.toLowerCase() === user.toLowerCase());
  if (ours || (!f.liquidation && f.liquidationMarkPx !== null)) return 'LIQUIDATION';
  return f.dir === 'Auto-Deleveraging' ? 'DELEVERAGE' : 'FILL';
}

export function readPosition(input: unknown, time: number | null): Parsed<VenuePosition> {
  const read = readMessage(assetPosition, input);
  if (!read.ok) return read;
  const p = read.data.position;
  return {
    ok: true,
    venueAt: time,
    drift: read.drift,
    value: {
      market: p.coin,
      side: new Decimal(p.szi).isNegative() ? 'SHORT' : 'LONG',
      size: p.szi,
      status: new Decimal(p.szi).isZero() ? 'CLOSED' : 'OPEN',
      averageEntryPrice: p.entryPx,
      liquidationPrice: p.liquidationPx,
      unrealizedPnl: p.unrealizedPnl,
      realizedPnl: null,
      venueAt: time,
    },
  };
}

/** `userFunding` item: the id is derived (the venue gives none per payment), the sign is the venue's (negative = paid). */
export function readFunding(input: unknown): Parsed<VenueFunding> {
  const read = readMessage(userFunding, input);
  if (!read.ok) return read;
  const { time, delta } = read.data;
  return { ok: true, venueAt: time, drift: read.drift, value: funding(time, delta) };
}

/** The `funding` user event on the socket. */
export function readWsFunding(input: unknown): Parsed<VenueFunding> {
  const read = readMessage(wsFunding, input);
  if (!read.ok) return read;
  return { ok: true, venueAt: read.data.time, drift: read.drift, value: funding(read.data.time, read.data) };
}

export function readSpotBalance(input: unknown): Parsed<VenueBalance> {
  const read = readMessage(spotBalance, input);
  if (!read.ok) return read;
  return { ok: true, venueAt: null, drift: read.drift, value: { asset: read.data.coin, size: read.data.total, venueAt: null } };
}

function funding(time: number, d: { coin: string; usdc: string; szi: string | null; fundingRate: string | null }): VenueFunding {
  const identity = derivedId('hash(time,coin,usdc,szi)', [time, d.coin, d.usdc, d.szi]);
  return { id: identity.id, idDerived: identity.recipe, market: d.coin, amount: d.usdc, rate: d.fundingRate, positionSize: d.szi, venueAt: time };
}

export interface Clearinghouse {
  account: VenueAccount;
  positions: Array<Parsed<VenuePosition>>;
  time: number | null;
  drift: FieldDrift[];
}

/**
 * The account as `clearinghouseState` states it. Maintenance margin is the cross figure the venue
 * reports; the account is liquidatable when its cross value falls to it, which is also when
 * `liquidatedHere` (a liquidation user event naming this address) marks it so. An older answer
 * without that figure leaves maintenance and cushion null; without `time` the venue time is null.
 */
export function readClearinghouse(input: unknown, user: string, liquidatedHere = false): Parsed<Clearinghouse> {
  const read = readMessage(clearinghouseState, input);
  if (!read.ok) return read;
  const c = read.data;
  const cross = c.crossMarginSummary ?? c.marginSummary;
  const crossValue = new Decimal(cross.accountValue);
  const maintenance = c.crossMaintenanceMarginUsed === null ? null : new Decimal(c.crossMaintenanceMarginUsed);
  const underwater = maintenance !== null && maintenance.gt(0) && crossValue.lte(maintenance);
  const positions = c.assetPositions.map((item) => readPosition(item, c.time));
  return {
    ok: true,
    venueAt: c.time,
    drift: read.drift,
    value: {
      time: c.time,
      drift: [...read.drift, ...positions.flatMap((p) => p.drift ?? [])],
      account: {
        account: user,
        accountValue: c.marginSummary.accountValue,
        totalCollateral: c.marginSummary.accountValue,
        freeCollateral: c.withdrawable,
        initialMarginRequirement: c.marginSummary.totalMarginUsed,
        maintenanceMarginRequirement: c.crossMaintenanceMarginUsed,
        marginCushion: maintenance === null ? null : crossValue.minus(maintenance).toString(),
        status: liquidatedHere || underwater ? 'LIQUIDATION' : 'ACTIVE',
        venueAt: c.time,
      },
      positions,
    },
  };
}

/** After a network upgrade only post-only orders are taken (Hummingbot #6730, #6800). */
export const POST_ONLY_AFTER_UPGRADE = 'Only post-only orders allowed immediately after a network upgrade';

export function isPostOnlyNotice(text: string): boolean {
  return text.toLowerCase().includes(POST_ONLY_AFTER_UPGRADE.toLowerCase());
}
