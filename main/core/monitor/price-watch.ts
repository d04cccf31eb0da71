/**
 * The venue's mark against the independent reference: a mark too far from it (PRICE_DIVERGENCE)
 * or a mark that stands still while the world moves (STALE_VENUE_PRICE). Both are episodes that
 * last until the venue's price behaves again.
 */
import type { Finding } from '../../../shared/incidents';
import { readPrice, readReference } from '../risk/price-value';

export interface PriceWatchRules {
  /** Fraction, e.g. "0.02". */
  divergence: string;
  /** The mark has not moved for this long… */
  staleAfterMs: number;
  /** …while the reference moved at least this fraction. */
  staleMove: string;
}

export const DEFAULT_PRICE_RULES: PriceWatchRules = { divergence: '0.02', staleAfterMs: 60_000, staleMove: '0.005' };

interface MarketState {
  mark: { price: string; at: number; seq: number } | null;
  markChangedAt: number;
  referenceAtMarkChange: string | null;
  reference: { price: string; at: number; seqs: number[] } | null;
  diverging: boolean;
  stale: boolean;
}

export type PriceVerdict = { findings: Finding[]; ended: ('PRICE_DIVERGENCE' | 'STALE_VENUE_PRICE')[] };

export class PriceWatch {
  private readonly markets = new Map<string, MarketState>();

  constructor(private readonly rules: PriceWatchRules = DEFAULT_PRICE_RULES) {}

  onMark(market: string, price: string, at: number, seq: number): PriceVerdict {
    const s = this.state(market);
    const ended: PriceVerdict['ended'] = [];
    if (s.mark?.price !== price) {
      s.markChangedAt = at;
      s.referenceAtMarkChange = s.reference?.price ?? null;
      if (s.stale) ended.push('STALE_VENUE_PRICE');
      s.stale = false;
    }
    s.mark = { price, at, seq };
    return this.judge(market, s, at, ended);
  }

  onReference(market: string, price: string | null, at: number, seqs: number[]): PriceVerdict {
    const s = this.state(market);
    s.reference = price === null ? null : { price, at, seqs };
    s.referenceAtMarkChange ??= price;
    return this.judge(market, s, at, []);
  }

  private judge(market: string, s: MarketState, at: number, ended: PriceVerdict['ended']): PriceVerdict {
    const findings: Finding[] = [];
    if (!s.mark || !s.reference) return { findings, ended };
    // A mark of 0 or below is judged like any other (it diverges); a reference that is not above 0 measures nothing.
    const mark = readPrice(s.mark.price);
    const ref = readReference(s.reference.price);
    if (!mark || !ref) return { findings, ended };
    const evidence = [s.mark.seq, ...s.reference.seqs];
    const gap = mark.minus(ref).abs().div(ref);
    const diverging = gap.gt(this.rules.divergence);
    if (diverging && !s.diverging) {
      findings.push({
        kind: 'PRICE_DIVERGENCE', market, clientIds: [], at, detectedAt: at, evidence,
        summary: `venue mark ${s.mark.price} is ${gap.times(100).toDecimalPlaces(2).toString()} % from the independent price ${s.reference.price}`,
        detail: { mark: s.mark.price, reference: s.reference.price, gap: gap.toDecimalPlaces(6).toString() },
      });
    }
    if (!diverging && s.diverging) ended.push('PRICE_DIVERGENCE');
    s.diverging = diverging;

    const referenceAtMarkChange = readReference(s.referenceAtMarkChange);
    if (!s.stale && referenceAtMarkChange !== null && at - s.markChangedAt >= this.rules.staleAfterMs) {
      const moved = ref.minus(referenceAtMarkChange).abs().div(referenceAtMarkChange);
      if (moved.gte(this.rules.staleMove)) {
        s.stale = true;
        findings.push({
          kind: 'STALE_VENUE_PRICE', market, clientIds: [], at, detectedAt: at, evidence,
          summary: `venue mark stuck at ${s.mark.price} for ${Math.round((at - s.markChangedAt) / 1000)} s while the independent price moved ${moved.times(100).toDecimalPlaces(2).toString()} % to ${s.reference.price}`,
          detail: { mark: s.mark.price, reference: s.reference.price, since: s.markChangedAt },
        });
      }
    }
    return { findings, ended };
  }

  private state(market: string): MarketState {
    let s = this.markets.get(market);
    if (!s) this.markets.set(market, (s = { mark: null, markChangedAt: 0, referenceAtMarkChange: null, reference: null, diverging: false, stale: false }));
    return s;
  }
}
