/**
 * The account panel's figures, computed in main from the venue's own numbers (DESIGN §4: the
 * renderer only shows): equity, free collateral, margin use and leverage for the account; per
 * position its mark, the independent reference, uPnL as a fraction of entry notional, the
 * liquidation price as the venue states it and as computed with every position valued at the
 * independent reference under the venue's maintenance-margin rules.
 */
import Decimal from 'decimal.js';
import type { AccountView, PositionView } from '../../../shared/snapshot';
import { readPrice } from '../risk/price-value';
import type { VenueAccount, VenueMarket } from '../venues/port';

/** A market's terms: maintenance margin, and initial margin and fees where the venue states them. */
export type MarketTerms = VenueMarket;

export interface FigureInputs {
  account: VenueAccount | null;
  currency: string;
  positions: readonly PositionView[];
  /** The venue's latest mark per market. */
  mark(market: string): string | null;
  /** The independent reference per market, null without a quorum. */
  reference(market: string): string | null;
  market(symbol: string): MarketTerms | undefined;
}

/** A venue's decimal, or null where it said nothing readable. */
const dec = readPrice;

const text = (value: Decimal | null, places = 8) => (value === null ? null : value.toDecimalPlaces(places).toString());

export function accountView(inputs: FigureInputs): AccountView {
  const { account } = inputs;
  const equity = dec(account?.accountValue);
  const initial = dec(account?.initialMarginRequirement);
  let notional: Decimal | null = new Decimal(0);
  for (const p of inputs.positions) {
    const mark = dec(inputs.mark(p.market)) ?? dec(p.entryPrice);
    if (mark === null || notional === null) notional = null;
    else notional = notional.plus(new Decimal(p.size).abs().times(mark));
  }
  const positive = equity !== null && equity.gt(0);
  return {
    currency: inputs.currency,
    equity: text(equity),
    freeCollateral: account ? text(dec(account.freeCollateral)) : null,
    marginUse: positive && initial !== null ? text(initial.div(equity!), 6) : null,
    leverage: positive && notional !== null ? text(notional.div(equity!), 4) : null,
    updatedAt: account?.venueAt ?? null,
  };
}

export interface Holding {
  market: string;
  size: Decimal;
  entry: Decimal;
}

/**
 * The price of `market` at which equity meets the maintenance requirement, with every other
 * position held at the independent reference: cash + Σ sⱼ(refⱼ − eⱼ) + s(P − e) = Σ mmⱼ|sⱼ|refⱼ + mm|s|P.
 * Null where a reference, the venue's maintenance rule or the cash balance is missing, or where
 * no positive price would liquidate.
 */
export function liquidationAtReference(market: string, holdings: readonly Holding[], cash: Decimal | null, inputs: Pick<FigureInputs, 'reference' | 'market'>): Decimal | null {
  const own = holdings.find((h) => h.market === market);
  if (!own || own.size.isZero() || cash === null) return null;
  let rest = cash;
  for (const h of holdings) {
    const mm = dec(inputs.market(h.market)?.maintenanceMargin);
    if (mm === null) return null;
    if (h === own) continue;
    const ref = dec(inputs.reference(h.market));
    if (ref === null) return null;
    rest = rest.plus(h.size.times(ref.minus(h.entry))).minus(mm.times(h.size.abs()).times(ref));
  }
  const mm = dec(inputs.market(market)?.maintenanceMargin)!;
  const denominator = own.size.minus(mm.times(own.size.abs()));
  if (denominator.isZero()) return null;
  const price = own.size.times(own.entry).minus(rest).div(denominator);
  return price.gt(0) ? price : null;
}

/** Cash, the balance without unrealized PnL: the venue's total collateral (Paradex) or equity less uPnL. */
export function cashOf(account: VenueAccount | null, positions: readonly PositionView[]): Decimal | null {
  if (!account) return null;
  const equity = dec(account.accountValue);
  const collateral = dec(account.totalCollateral);
  let upnl = new Decimal(0);
  for (const p of positions) {
    const u = dec(p.unrealizedPnl);
    if (u === null) return collateral;
    upnl = upnl.plus(u);
  }
  return equity === null ? collateral : equity.minus(upnl);
}

export function holdingsOf(positions: readonly PositionView[]): Holding[] {
  return positions.flatMap((p) => {
    const entry = dec(p.entryPrice);
    return entry === null ? [] : [{ market: p.market, size: new Decimal(p.size), entry }];
  });
}

export function positionViews(inputs: FigureInputs): PositionView[] {
  const holdings = holdingsOf(inputs.positions);
  const cash = cashOf(inputs.account, inputs.positions);
  return inputs.positions.map((p) => {
    const entry = dec(p.entryPrice);
    const upnl = dec(p.unrealizedPnl);
    const notional = entry === null ? null : entry.times(new Decimal(p.size).abs());
    return {
      ...p,
      mark: inputs.mark(p.market),
      reference: inputs.reference(p.market),
      pnlFraction: upnl !== null && notional !== null && !notional.isZero() ? text(upnl.div(notional), 6) : null,
      liquidationAtReference: text(liquidationAtReference(p.market, holdings, cash, inputs)),
    };
  });
}

/** All three venues settle perpetuals in USDC. */
export const SETTLEMENT_CURRENCY = 'USDC';

/** What the terminal knows that the figures are computed from. */
export function figureInputs(terminal: {
  view: { account: VenueAccount | null; positionList(): PositionView[] };
  prices: { latestMark(market: string): string | null };
  referenceReading(market: string): { price: string | null };
  venueMarket(symbol: string): VenueMarket | undefined;
}): FigureInputs {
  return {
    account: terminal.view.account,
    currency: SETTLEMENT_CURRENCY,
    positions: terminal.view.positionList(),
    mark: (market) => terminal.prices.latestMark(market),
    reference: (market) => terminal.referenceReading(market).price,
    market: (symbol) => terminal.venueMarket(symbol),
  };
}
