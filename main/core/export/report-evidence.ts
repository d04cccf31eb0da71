/**
 * What report.html and prices.csv show, drawn only from the records a bundle carries in full and
 * claim.json: the exporter makes them from this, and the verifier makes them again from the same
 * lines and compares byte for byte, so neither can say anything the records do not.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import { involvedClientIds, priceWindows } from './gather-evidence';

export interface OrderIntentFacts {
  market: string | null;
  price: string | null;
  triggerPrice: string | null;
}

export interface ReportEvidence {
  /** PRICE_SAMPLE records in any window (around each incident and fill), in seq order. */
  prices: JournalEvent[];
  priceLabels: Map<number, string[]>;
  statuses: JournalEvent[];
  /** Every carried record of the orders involved, in seq order. */
  orderEvents: JournalEvent[];
  intents: Map<string, OrderIntentFacts>;
  anchors: JournalEvent[];
  /** The distinct accounts of the orders' records. */
  accounts: string[];
}

/** `full`: the records carried in full, in seq order. */
export function reportEvidence(full: readonly JournalEvent[], claim: Claim, incidents: readonly IncidentView[]): ReportEvidence {
  const clientIds = new Set(involvedClientIds(claim, incidents));
  const orderEvents = full.filter((e) => e.clientId !== null && clientIds.has(e.clientId));
  const windows = priceWindows(incidents, orderEvents);
  const prices: JournalEvent[] = [];
  const priceLabels = new Map<number, string[]>();
  for (const e of full) {
    if (e.kind !== 'PRICE_SAMPLE') continue;
    const labels: string[] = [];
    for (const w of windows) if (e.at >= w.from && e.at <= w.to && !labels.includes(w.label)) labels.push(w.label);
    if (labels.length === 0) continue;
    prices.push(e);
    priceLabels.set(e.seq, labels);
  }
  const intents = new Map<string, OrderIntentFacts>();
  for (const e of orderEvents) {
    if (e.kind !== 'ORDER_INTENT' || intents.has(e.clientId!)) continue;
    const p = e.payload as { price?: string; triggerPrice?: string };
    intents.set(e.clientId!, { market: e.market, price: p.price ?? null, triggerPrice: p.triggerPrice ?? null });
  }
  return {
    prices,
    priceLabels,
    statuses: full.filter((e) => e.kind === 'VENUE_STATUS'),
    orderEvents,
    intents,
    anchors: full.filter((e) => e.kind === 'ANCHOR'),
    accounts: [...new Set(orderEvents.map((e) => e.account).filter((a) => a !== undefined))].sort(),
  };
}
