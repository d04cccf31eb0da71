/** The one-line band preview under the ticket, in the trader's words (display only: main decided). */
import { formatPercent as percent, formatPrice } from '../../../shared/format';
import type { OrderPreview } from '../../../shared/orders';

/** A fraction as a percentage, by the one rule in shared/format. */
export const formatPercent = (fraction: string, signed: boolean) => percent(fraction, { signed });

export function previewText(preview: OrderPreview, tick?: string): string {
  const parts: string[] = [];
  if (preview.reference) {
    const age = preview.referenceAgeMs === null ? '' : `, ${(preview.referenceAgeMs / 1000).toFixed(1)} s old`;
    parts.push(`reference ${formatPrice(preview.reference, tick)} from ${preview.sourcesFresh}/${preview.sourcesTotal} sources${age}`);
  } else parts.push(`no reference (${preview.sourcesFresh}/${preview.sourcesTotal} sources fresh)`);
  parts.push(`band ±${formatPercent(preview.band, false)}${preview.degraded ? ' (venue degraded)' : ''}`);
  if (preview.deviation !== null) parts.push(`your price ${formatPercent(preview.deviation, true)}`);
  return parts.join(' · ') + (preview.allowed ? ' ✓' : ` ✗ ${preview.reason ?? ''}`);
}
