/**
 * The independent price-band check (DESIGN §7): a pure function of the order, the independent
 * reference, the venue's state and the settings. It allows or blocks with a reason; it never
 * changes a price (principle 4). For a market order it names the limit price to send: the band
 * edge, rounded to the tick towards the reference, so the order cannot execute outside the band.
 */
import Decimal from 'decimal.js';
import type { OrderType, Side, VenueStatus } from '../../../shared/domain';
import { readPrice, readReference } from './price-value';
import type { MarketRiskSettings } from './risk-settings';

export interface BandOrder {
  market: string;
  side: Side;
  type: OrderType;
  size: string;
  price?: string;
  triggerPrice?: string;
  reduceOnly: boolean;
}

export interface ReferenceQuote {
  /** Median of the fresh independent sources, or null without a quorum. */
  price: string | null;
  fresh: number;
  total: number;
  /** Why there is no price (e.g. "1 of 3 sources fresh"). */
  reason: string | null;
}

export interface VenueState {
  status: VenueStatus;
  /** When the venue last came back to ok from a non-ok mode. */
  reopenedAt: number | null;
  /** The venue's own mark: what is being checked, never the yardstick. */
  mark: string | null;
  now: number;
}

export type BlockCode = 'NO_REFERENCE' | 'PRICE_DIVERGENCE' | 'OUTSIDE_BAND' | 'SIZE_CAP' | 'NOTIONAL_CAP' | 'INVALID_ORDER';

export interface BandFacts {
  reference: string | null;
  /** The band in force, as a fraction. */
  band: string;
  degraded: boolean;
  /** The order's price relative to the reference, as a fraction (positive = above). */
  deviation: string | null;
}

export type BandDecision =
  | ({ allowed: true; sendPrice: string | null } & BandFacts)
  | ({ allowed: false; code: BlockCode; reason: string } & BandFacts);

const pct = (fraction: Decimal) => `${fraction.times(100).toDecimalPlaces(3).toString()} %`;

export function checkPriceBand(order: BandOrder, reference: ReferenceQuote, venue: VenueState, settings: MarketRiskSettings, tickSize: string): BandDecision {
  const degraded =
    venue.status === 'post_only' ||
    venue.status === 'cancel_only' ||
    (venue.reopenedAt !== null && venue.now - venue.reopenedAt < settings.reopenWindowMs);
  const band = new Decimal(degraded ? settings.degradedBand : settings.band);
  const facts: BandFacts = { reference: reference.price, band: band.toString(), degraded, deviation: null };
  const block = (code: BlockCode, reason: string): BandDecision => ({ allowed: false, code, reason, ...facts });

  const size = new Decimal(order.size);
  if (!size.isFinite() || size.lte(0)) return block('INVALID_ORDER', 'size must be positive');
  if (settings.maxSize !== null && size.gt(settings.maxSize)) return block('SIZE_CAP', `size ${order.size} is above the cap of ${settings.maxSize}`);

  const riskIncreasing = !order.reduceOnly;
  // A reference of 0 or below measures nothing (ratios are taken over it): it counts as none.
  const ref = readReference(reference.price);
  if (ref === null) {
    // Without an independent price only what cannot add risk may go.
    const why = reference.price === null ? (reference.reason ?? `${reference.fresh} of ${reference.total} sources fresh`) : `the sources' median ${reference.price} is not a usable price`;
    return riskIncreasing
      ? block('NO_REFERENCE', `no independent price (${why})`)
      : { allowed: true, sendPrice: order.type === 'LIMIT' ? (order.price ?? null) : null, ...facts };
  }

  // The venue's mark is what is checked: 0, negative or absurd marks diverge; an unreadable one counts as missing.
  const mark = readPrice(venue.mark);
  if (riskIncreasing && mark !== null) {
    const divergence = mark.minus(ref).abs().div(ref);
    if (divergence.gt(settings.divergence)) {
      return block('PRICE_DIVERGENCE', `venue mark ${venue.mark} is ${pct(divergence)} from the independent price ${reference.price} (limit ${pct(new Decimal(settings.divergence))})`);
    }
  }

  const tick = new Decimal(tickSize);
  let sendPrice: Decimal | null = null;
  if (order.type === 'MARKET') {
    // Limit-IOC at the band edge, rounded inwards so the edge itself is never crossed.
    const edge = order.side === 'BUY' ? ref.times(band.plus(1)) : ref.times(new Decimal(1).minus(band));
    sendPrice = edge.div(tick).toDecimalPlaces(0, order.side === 'BUY' ? Decimal.ROUND_FLOOR : Decimal.ROUND_CEIL).times(tick);
  } else if (order.type === 'LIMIT') {
    if (order.price === undefined) return block('INVALID_ORDER', 'a limit order needs a price');
    sendPrice = new Decimal(order.price);
    if (!sendPrice.isFinite() || sendPrice.lte(0)) return block('INVALID_ORDER', 'price must be positive');
  }

  const notionalPrice = sendPrice ?? (order.triggerPrice !== undefined ? new Decimal(order.triggerPrice) : ref);
  const notional = notionalPrice.times(size);
  if (riskIncreasing && notional.gt(settings.maxNotional)) {
    return block('NOTIONAL_CAP', `notional ${notional.toDecimalPlaces(2).toString()} is above the cap of ${settings.maxNotional}`);
  }

  if (sendPrice !== null) {
    const deviation = sendPrice.minus(ref).div(ref);
    facts.deviation = deviation.toString();
    const aggressive = order.side === 'BUY' ? deviation.gt(0) : deviation.lt(0);
    if (aggressive && deviation.abs().gt(band)) {
      return block('OUTSIDE_BAND', `${order.side === 'BUY' ? 'buy' : 'sell'} at ${sendPrice.toString()} is ${pct(deviation.abs())} ${order.side === 'BUY' ? 'above' : 'below'} the independent price ${reference.price} (band ±${pct(band)}${degraded ? ', tightened while the venue is degraded' : ''})`);
    }
  }
  return { allowed: true, sendPrice: sendPrice?.toString() ?? null, ...facts };
}
