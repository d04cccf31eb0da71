/**
 * The engine's state in Paradex's JSON shapes (venue-apis.md §1.3–1.4, field names exact).
 * Decimals are plain strings; timestamps are the engine clock's milliseconds.
 */
import type Decimal from 'decimal.js';
import type { SimEngine } from './engine';
import { unrealizedPnl } from './margin';
import { plain, ZERO } from './money';
import type { MarketSpec, MarketState, SimFill, SimOrder, SimPosition, Tradebust } from './model';

export function orderJson(o: SimOrder, account: string) {
  const filled = o.size.minus(o.remaining);
  return {
    id: o.id,
    client_id: o.clientId,
    account,
    market: o.market,
    side: o.side,
    type: o.type,
    instruction: o.instruction,
    flags: o.flags,
    stp: 'EXPIRE_TAKER',
    size: plain(o.size),
    remaining_size: plain(o.remaining),
    // "0 for MARKET orders", and for the *_MARKET trigger types, which carry no limit price.
    price: o.price ? plain(o.price) : '0',
    trigger_price: o.triggerPrice ? plain(o.triggerPrice) : '0',
    avg_fill_price: filled.isZero() ? '' : plain(o.filledNotional.div(filled)),
    status: o.status,
    cancel_reason: o.cancelReason ?? '',
    seq_no: o.seqNo,
    created_at: o.createdAt,
    last_updated_at: o.updatedAt,
    received_at: o.createdAt,
    published_at: o.updatedAt,
    timestamp: o.createdAt,
  };
}

export function fillJson(f: SimFill, account: string) {
  return {
    id: f.id,
    account,
    order_id: f.orderId,
    client_id: f.clientId,
    market: f.market,
    side: f.side,
    liquidity: f.liquidity,
    fill_type: f.fillType,
    flags: [],
    price: plain(f.price),
    size: plain(f.size),
    remaining_size: plain(f.remainingSize),
    fee: plain(f.fee),
    fee_currency: 'USDC',
    realized_pnl: plain(f.realizedPnl),
    realized_funding: '0',
    underlying_price: plain(f.underlyingPrice),
    orderbook_seq_no: f.orderbookSeqNo,
    created_at: f.createdAt,
  };
}

export function positionJson(engine: SimEngine, p: SimPosition) {
  const market = engine.market(p.market)!;
  const equity = engine.accountSummary().equity;
  const notional = p.size.abs().times(market.mark);
  const liquidation = engine.liquidationPrice(p.market);
  const cost = p.size.times(p.averageEntryPrice);
  return {
    id: p.id,
    account: engine.account,
    market: p.market,
    side: p.side,
    size: plain(p.size),
    status: p.size.isZero() ? 'CLOSED' : 'OPEN',
    average_entry_price: plain(p.averageEntryPrice),
    average_entry_price_usd: plain(p.averageEntryPrice),
    cost: plain(cost),
    cost_usd: plain(cost),
    liquidation_price: liquidation ? plain(liquidation) : '',
    unrealized_pnl: plain(unrealizedPnl(p, market.mark)),
    unrealized_funding_pnl: '0',
    realized_positional_pnl: plain(p.realizedPositionalPnl),
    realized_positional_funding_pnl: '0',
    cached_funding_index: '0',
    leverage: equity.gt(0) && !p.size.isZero() ? plain(notional.div(equity).toDecimalPlaces(8)) : '',
    last_fill_id: p.lastFillId,
    created_at: p.createdAt,
    closed_at: p.closedAt ?? 0,
    last_updated_at: p.updatedAt,
    seq_no: p.seqNo,
  };
}

export function accountJson(engine: SimEngine) {
  const a = engine.accountSummary();
  return {
    account: a.account,
    account_value: plain(a.equity),
    // Paradex's total_collateral is the settlement-token balance (cash), as /balance shows.
    total_collateral: plain(a.collateral),
    free_collateral: plain(a.equity.minus(a.initialMarginRequirement)),
    initial_margin_requirement: plain(a.initialMarginRequirement),
    maintenance_margin_requirement: plain(a.maintenanceMarginRequirement),
    margin_cushion: plain(a.equity.minus(a.maintenanceMarginRequirement)),
    settlement_asset: 'USDC',
    status: a.status,
    seq_no: a.seqNo,
    updated_at: a.updatedAt,
  };
}

export function balanceJson(engine: SimEngine) {
  const a = engine.accountSummary();
  return { token: 'USDC', size: plain(a.collateral), last_updated_at: a.updatedAt };
}

export function tradebustJson(b: Tradebust, account: string) {
  return { account, busted_fill_id: b.fillId, created_at: b.createdAt };
}

export function summaryJson(m: MarketState, openInterest: Decimal) {
  return {
    symbol: m.spec.symbol,
    mark_price: plain(m.mark),
    // The simulator has one index: mark = index (DESIGN §12), so the venue's three prices agree.
    underlying_price: plain(m.mark),
    external_fair_price: plain(m.mark),
    last_traded_price: m.lastTraded ? plain(m.lastTraded) : '',
    bid: plain(m.bid),
    ask: plain(m.ask),
    // Funding is not simulated.
    funding_rate: '0',
    future_funding_rate: '0',
    open_interest: plain(openInterest),
    total_volume: plain(m.totalVolume),
    created_at: m.updatedAt,
  };
}

export function marketJson(spec: MarketSpec) {
  const [base, quote] = spec.symbol.split('-');
  return {
    symbol: spec.symbol,
    base_currency: base,
    quote_currency: quote ?? 'USD',
    settlement_currency: 'USDC',
    asset_kind: 'PERP',
    market_kind: 'cross',
    trading_mode: 'STANDARD',
    open_at: 0,
    expiry_at: 0,
    price_tick_size: plain(spec.tickSize),
    order_size_increment: plain(spec.stepSize),
    min_notional: '0',
    funding_period_hours: 8,
    max_funding_rate: '0',
    interest_rate: '0',
    clamp_rate: '0',
    // Paradex states maintenance as a factor of the initial margin fraction.
    delta1_cross_margin_params: {
      imf_base: plain(spec.initialMargin),
      imf_factor: '0',
      imf_shift: '0',
      mmf_factor: plain(spec.maintenanceMargin.div(spec.initialMargin)),
    },
    fee_config: {
      api_fee: { maker_fee: { fee: plain(spec.makerFee) }, taker_fee: { fee: plain(spec.takerFee) } },
    },
  };
}

/** |our position| per market: the only open interest in a one-account venue. */
export function openInterestOf(engine: SimEngine, market: string): Decimal {
  return engine.position(market)?.size.abs() ?? ZERO;
}
