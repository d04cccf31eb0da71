/**
 * Paradex payloads → port types. Each reader takes an already JSON-parsed value and answers
 * either the domain value with the venue's timestamp, or what was wrong with it.
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import type {
  TradeBust, VenueAccount, VenueFill, VenueMarket, VenueMode, VenueOrder, VenuePosition, VenuePrice, VenueTransaction,
} from '../port';
import {
  accountSchema, describeIssues, fillSchema, marketSchema, marketSummarySchema, orderSchema, positionSchema,
  systemStateSchema, tradeBustSchema, transactionSchema,
} from './schemas';

export type Parsed<T> = { ok: true; value: T; venueAt: number | null } | { ok: false; problem: string };

function reader<S extends z.ZodType, T>(
  what: string,
  schema: S,
  map: (parsed: z.output<S>) => { value: T; venueAt: number | null },
): (input: unknown) => Parsed<T> {
  return (input) => {
    const result = schema.safeParse(input);
    if (!result.success) return { ok: false, problem: `${what}: ${describeIssues(result.error)}` };
    return { ok: true, ...map(result.data) };
  };
}

export const readOrder = reader('order', orderSchema, (o): { value: VenueOrder; venueAt: number | null } => {
  const venueAt = o.last_updated_at ?? o.created_at;
  return {
    venueAt,
    value: {
      venueOrderId: o.id,
      clientId: o.client_id,
      market: o.market,
      side: o.side,
      type: o.type,
      status: o.status,
      instruction: o.instruction ?? null,
      size: o.size,
      remainingSize: o.remaining_size,
      price: o.price,
      triggerPrice: o.trigger_price,
      avgFillPrice: o.avg_fill_price,
      flags: o.flags ?? [],
      cancelReason: o.cancel_reason,
      venueAt,
    },
  };
});

export const readFill = reader('fill', fillSchema, (f): { value: VenueFill; venueAt: number | null } => ({
  venueAt: f.created_at,
  value: {
    fillId: f.id,
    venueOrderId: f.order_id,
    clientId: f.client_id,
    market: f.market,
    side: f.side,
    liquidity: f.liquidity,
    fillType: f.fill_type,
    price: f.price,
    size: f.size,
    fee: f.fee,
    feeCurrency: f.fee_currency,
    realizedPnl: f.realized_pnl,
    venueAt: f.created_at,
  },
}));

export const readPosition = reader('position', positionSchema, (p): { value: VenuePosition; venueAt: number | null } => {
  const venueAt = p.last_updated_at ?? p.created_at;
  return {
    venueAt,
    value: {
      market: p.market,
      side: p.side,
      size: p.size,
      status: p.status,
      averageEntryPrice: p.average_entry_price,
      liquidationPrice: p.liquidation_price,
      unrealizedPnl: p.unrealized_pnl,
      realizedPnl: p.realized_positional_pnl,
      venueAt,
    },
  };
});

export const readAccount = reader('account', accountSchema, (a): { value: VenueAccount; venueAt: number | null } => ({
  venueAt: a.updated_at,
  value: {
    account: a.account,
    accountValue: a.account_value,
    totalCollateral: a.total_collateral,
    freeCollateral: a.free_collateral,
    initialMarginRequirement: a.initial_margin_requirement,
    maintenanceMarginRequirement: a.maintenance_margin_requirement,
    marginCushion: a.margin_cushion,
    status: a.status,
    venueAt: a.updated_at,
  },
}));

export const readTradeBust = reader('tradebust', tradeBustSchema, (b): { value: TradeBust; venueAt: number | null } => ({
  venueAt: b.created_at,
  value: { account: b.account, bustedFillId: b.busted_fill_id, venueAt: b.created_at },
}));

export const readTransaction = reader('transaction', transactionSchema, (t): { value: VenueTransaction; venueAt: number | null } => {
  const venueAt = t.completed_at ?? t.created_at;
  return { venueAt, value: { id: t.id, hash: t.hash, type: t.type, state: t.state, venueAt } };
});

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

/** JSON.parse that answers instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
}
