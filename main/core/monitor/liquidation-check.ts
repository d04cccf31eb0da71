/**
 * Was a liquidation justified? The account is valued at the independent reference with the
 * venue's own maintenance-margin rule (DESIGN §9): equity = collateral + Σ (ref − entry) × size;
 * requirement = Σ mmf × |size| × ref. Above the requirement, the liquidation was unexpected.
 */
import Decimal from 'decimal.js';

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
  if (collateral === null) return { verdict: 'unverifiable', missing: 'no account snapshot before the liquidation' };
  let equity = new Decimal(collateral);
  let requirement = new Decimal(0);
  for (const p of positions) {
    const ref = reference(p.market);
    if (ref === null) return { verdict: 'unverifiable', missing: `no fresh independent price for ${p.market}` };
    const mmf = maintenance(p.market);
    if (mmf === null) return { verdict: 'unverifiable', missing: `the venue states no maintenance margin for ${p.market}` };
    const size = new Decimal(p.size);
    equity = equity.plus(new Decimal(ref).minus(p.entryPrice).times(size));
    requirement = requirement.plus(size.abs().times(ref).times(mmf));
  }
  return { verdict: equity.gte(requirement) ? 'unexpected' : 'consistent', equity: equity.toString(), requirement: requirement.toString() };
}
