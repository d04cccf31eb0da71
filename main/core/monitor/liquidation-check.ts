/**
 * Was a liquidation justified? The account is valued at the independent reference with the
 * venue's own maintenance-margin rule (DESIGN §9): equity = collateral + Σ (ref − entry) × size;
 * requirement = Σ mmf × |size| × ref. Above the requirement, the liquidation was unexpected.
 */
import Decimal from 'decimal.js';
import { readPrice, readReference } from '../risk/price-value';

export interface HeldPosition {
  market: string;
  /** Signed. */
  size: string;
  entryPrice: string;
}

export type LiquidationVerdict =
  | { verdict: 'unexpected' | 'consistent'; equity: string; requirement: string }
  | { verdict: 'unverifiable'; missing: string };

export function judgeLiquidation(
  collateral: string | null,
  positions: HeldPosition[],
  reference: (market: string) => string | null,
  maintenance: (market: string) => string | null,
): LiquidationVerdict {
  const cash = readPrice(collateral);
  if (cash === null) return { verdict: 'unverifiable', missing: 'no account snapshot before the liquidation' };
  let equity = cash;
  let requirement = new Decimal(0);
  for (const p of positions) {
    const quoted = reference(p.market);
    // The venue's mark never enters here; a reference of 0 or below is no independent price at all.
    const ref = readReference(quoted);
    if (ref === null) return { verdict: 'unverifiable', missing: quoted === null ? `no fresh independent price for ${p.market}` : `no usable independent price for ${p.market} (${quoted})` };
    const mmf = readPrice(maintenance(p.market));
    if (mmf === null) return { verdict: 'unverifiable', missing: `the venue states no maintenance margin for ${p.market}` };
    const size = readPrice(p.size);
    const entry = readPrice(p.entryPrice);
    if (size === null || entry === null) return { verdict: 'unverifiable', missing: `the position in ${p.market} has no readable size or entry price` };
    equity = equity.plus(ref.minus(entry).times(size));
    requirement = requirement.plus(size.abs().times(ref).times(mmf));
  }
  return { verdict: equity.gte(requirement) ? 'unexpected' : 'consistent', equity: equity.toString(), requirement: requirement.toString() };
}
