/**
 * For each claim item, the venue's price beside the independent one at the moment that matters:
 * the fill's time for a fill, the incident's opening for a cancelled order. The reference is the
 * one the incident was judged at when it names one; otherwise it is recomputed from the journal's
 * reference samples with the terminal's own median and staleness rule.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { ClaimItem } from '../claims/build-claim';
import { DEFAULT_QUORUM, DEFAULT_STALENESS_MS, referenceQuote, type ReferenceQuote } from '../reference/median';
import type { ReferenceSample } from '../reference/sample';
import type { ReportEvidence } from './report-evidence';

export interface ItemPrices {
  at: number | null;
  market: string | null;
  /** The fill price, or the order's own price for an order that never filled. */
  venuePrice: string | null;
  venueMark: string | null;
  reference: string | null;
  /** How many independent sources the reference was the median of (null when it was given). */
  sources: number | null;
}

interface VenuePrice {
  market?: string;
  markPrice?: string | null;
}

const REFERENCE_SOURCES = 3;

export function itemPrices(item: ClaimItem, incident: IncidentView | undefined, evidence: ReportEvidence): ItemPrices {
  // A cancelled order is judged when the venue cancelled it, even if it had filled earlier.
  const fill = item.kind === 'VENUE_CANCELLED_ORDER' ? undefined : evidence.orderEvents.find((e) => e.kind === 'FILL' && e.clientId === item.clientId);
  const order = evidence.intents.get(item.clientId);
  const detail = incident?.findings[0]?.detail ?? {};
  const at = fill?.at ?? incident?.openedAt ?? null;
  const market = fill?.market ?? order?.market ?? incident?.market ?? null;
  const fillPrice = fill ? (fill.payload as { price?: string }).price ?? null : null;
  const givenReference = typeof detail.reference === 'string' && fill ? detail.reference : null;
  if (at === null || market === null) return { at, market, venuePrice: fillPrice, venueMark: null, reference: givenReference, sources: null };
  const quote = referenceAt(evidence.prices, market, at);
  return {
    at,
    market,
    venuePrice: fillPrice ?? order?.price ?? order?.triggerPrice ?? null,
    venueMark: markAt(evidence.prices, market, at),
    reference: givenReference ?? quote.price,
    sources: quote.sources.length,
  };
}

function markAt(prices: readonly JournalEvent[], market: string, at: number): string | null {
  let mark: string | null = null;
  for (const e of prices) {
    if (e.at > at) break;
    const p = e.payload as VenuePrice;
    if (e.venue !== 'reference' && p.market === market && p.markPrice) mark = p.markPrice;
  }
  return mark;
}

/** The independent median at `at` from the reference samples carried, by the terminal's own rule. */
export function referenceAt(prices: readonly JournalEvent[], market: string, at: number): ReferenceQuote {
  const samples: ReferenceSample[] = [];
  for (const e of prices) {
    if (e.at > at) break;
    if (e.venue !== 'reference' || e.market !== market) continue;
    const p = e.payload as { source: string; price: string; receivedAt: number };
    samples.push({ source: p.source, market, price: p.price, receivedAt: p.receivedAt, raw: e.raw ?? '' });
  }
  return referenceQuote(market, samples, at, { stalenessMs: DEFAULT_STALENESS_MS, quorum: DEFAULT_QUORUM, total: REFERENCE_SOURCES });
}
