/**
 * Paradex payloads → port types. Each reader takes an already JSON-parsed value and answers
 * either the domain value with the venue's timestamp, or what was wrong with it; readers of
 * account messages also name the fields that drifted from what they know (./schemas).
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import { readMessage, type MessageSpec } from '../common/drift';
import { describeIssues, type Parsed } from '../common/parsed';
import {
  VENUE_ORDER_TYPES, type TradeBust, type VenueAccount, type VenueBalance, type VenueFill, type VenueFunding, type VenueMarket,
  type VenueMode, type VenueOrder, type VenueOrderType, type VenuePosition, type VenuePrice, type VenueTransaction,
} from '../port';
import {
  account, balance, fill, fundingPayment, marketSchema, marketSummarySchema, order, position, systemStateSchema, tradeBust,
  transaction,
} from './schemas';

type Mapped<T> = { value: T; venueAt: number | null };

/** A reader for a plain schema (no drift watched: public reference data). */
function reader<S extends z.ZodType, T>(what: string, schema: S, map: (parsed: z.output<S>) => Mapped<T>): (input: unknown) => Parsed<T> {
  return (input) => {
    const result = schema.safeParse(input);
    if (!result.success) return { ok: false, problem: `${what}: ${describeIssues(result.error)}` };
    return { ok: true, ...map(result.data) };
  };
}

/** A reader for a message type whose drift is watched. */
function messageReader<S extends z.ZodObject, T>(spec: MessageSpec<S>, map: (parsed: z.output<S>) => Mapped<T>): (input: unknown) => Parsed<T> {
  return (input) => {
    const read = readMessage(spec, input);
    if (!read.ok) return read;
    return { ok: true, ...map(read.data), drift: read.drift };
  };
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(VENUE_ORDER_TYPES);

export const readOrder = messageReader(order, (o): Mapped<VenueOrder> => {
  const venueAt = o.last_updated_at ?? o.created_at;
  // A type the port has no word for keeps its venue name in flags beside the nearest port type.
  const known = KNOWN_TYPES.has(o.type);
  const type = (known ? o.type : o.price !== null ? 'LIMIT' : 'MARKET') as VenueOrderType;
  return {
    venueAt,
    value: {
      venueOrderId: o.id,
      clientId: o.client_id,
      market: o.market,
      side: o.side,
      type,
      status: o.status,
      instruction: o.instruction,
      size: o.size,
      remainingSize: o.remaining_size,
      price: o.price,
      triggerPrice: o.trigger_price,
      avgFillPrice: o.avg_fill_price,
      flags: [...(o.flags ?? []), ...(known ? [] : [o.type])],
      cancelReason: o.cancel_reason,
      venueAt,
    },
  };
});

export const readFill = messageReader(fill, (f): Mapped<VenueFill> => {
  const defaults = [...(f.liquidity ? [] : ['liquidity']), ...(f.fee !== null ? [] : ['fee']), ...(f.fill_type ? [] : ['fill_type'])];
  return {
    venueAt: f.created_at,
    value: {
      fillId: f.id,
      venueOrderId: f.order_id,
      clientId: f.client_id,
      market: f.market,
      side: f.side,
      liquidity: f.liquidity ?? 'TAKER',
      fillType: f.fill_type ?? 'FILL',
      price: f.price,
      size: f.size,
      fee: f.fee ?? '0',
      feeCurrency: f.fee_currency,
      realizedPnl: f.realized_pnl,
      venueAt: f.created_at,
      ...(defaults.length > 0 ? { defaults } : {}),
    },
  };
});

export const readPosition = messageReader(position, (p): Mapped<VenuePosition> => {
  const venueAt = p.last_updated_at ?? p.created_at;
  const size = new Decimal(p.size);
  return {
    venueAt,
    value: {
      market: p.market,
      side: p.side ?? (size.isNegative() ? 'SHORT' : 'LONG'),
      size: p.size,
      status: p.status ?? (size.isZero() ? 'CLOSED' : 'OPEN'),
      averageEntryPrice: p.average_entry_price,
      liquidationPrice: p.liquidation_price,
      unrealizedPnl: p.unrealized_pnl,
      realizedPnl: p.realized_pnl ?? p.realized_positional_pnl,
      // Paradex states funding as PnL on the position; paid is its opposite.
      fundingPaid: p.unrealized_funding_pnl ? new Decimal(p.unrealized_funding_pnl).neg().toString() : null,
      venueAt,
    },
  };
});

export const readAccount = messageReader(account, (a): Mapped<VenueAccount> => ({
  venueAt: a.updated_at,
  value: {
    account: a.account,
    accountValue: a.account_value,
    totalCollateral: a.total_collateral,
    freeCollateral: a.free_collateral,
    initialMarginRequirement: a.initial_margin_requirement,
    maintenanceMarginRequirement: a.maintenance_margin_requirement,
    marginCushion: a.margin_cushion,
    status: a.status ?? 'ACTIVE',
    venueAt: a.updated_at,
  },
}));

export const readTradeBust = messageReader(tradeBust, (b): Mapped<TradeBust> => ({
  venueAt: b.created_at,
  value: { account: b.account, bustedFillId: b.busted_fill_id, venueAt: b.created_at },
}));

export const readTransaction = messageReader(transaction, (t): Mapped<VenueTransaction> => {
  const venueAt = t.completed_at ?? t.created_at;
  return { venueAt, value: { id: t.id, hash: t.hash, type: t.type, state: t.state, venueAt } };
});

export const readFundingPayment = messageReader(fundingPayment, (f): Mapped<VenueFunding> => ({
  venueAt: f.created_at,
  value: { id: f.id, market: f.market, amount: f.payment, rate: null, positionSize: null, venueAt: f.created_at },
}));

export const readBalance = messageReader(balance, (b): Mapped<VenueBalance> => ({
  venueAt: b.last_updated_at,
  value: { asset: b.token, size: b.size, venueAt: b.last_updated_at },
}));

export const readMarketSummary = reader(
  'markets_summary',
  marketSummarySchema,
  (m): { value: VenuePrice; venueAt: number | null } => ({
    venueAt: m.created_at,
    value: {
      market: m.symbol,
      markPrice: m.mark_price,
      indexPrice: m.underlying_price,
      lastTradedPrice: m.last_traded_price,
      externalFairPrice: m.external_fair_price,
    },
  }),
);

export const readMarket = reader('market', marketSchema, (m): { value: VenueMarket; venueAt: number | null } => ({
  venueAt: null,
  value: {
    symbol: m.symbol,
    tickSize: m.price_tick_size,
    stepSize: m.order_size_increment,
    minNotional: m.min_notional,
    maintenanceMargin: maintenanceFraction(m.delta1_cross_margin_params),
    initialMargin: m.delta1_cross_margin_params?.imf_base ?? null,
    makerFee: m.fee_config?.api_fee?.maker_fee?.fee ?? null,
    takerFee: m.fee_config?.api_fee?.taker_fee?.fee ?? null,
  },
}));

/** Paradex states the maintenance fraction as a factor of the initial one (venue-apis.md §1.3). */
function maintenanceFraction(params: { imf_base?: string; mmf_factor?: string } | undefined): string | null {
  if (params?.imf_base === undefined || params.mmf_factor === undefined) return null;
  return new Decimal(params.imf_base).times(params.mmf_factor).toString();
}

export const readSystemState = reader('system/state', systemStateSchema, (s): { value: VenueMode; venueAt: number | null } => ({
  venueAt: null,
  value: s.status,
}));
