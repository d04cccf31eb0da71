/** The one-line band preview under the ticket, in the trader's words (display only: main decided). */
import type { OrderPreview } from '../../../shared/orders';

const grouped = (value: string) => {
  const [whole, fraction] = value.split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
};

export function formatPercent(fraction: string, signed: boolean): string {
  const percent = Number(fraction) * 100;
  const sign = percent < 0 ? '−' : signed && percent > 0 ? '+' : '';
  return `${sign}${Math.abs(percent).toFixed(2)} %`;
}

export function previewText(preview: OrderPreview): string {
  const parts: string[] = [];
  if (preview.reference) {
    const age = preview.referenceAgeMs === null ? '' : `, ${(preview.referenceAgeMs / 1000).toFixed(1)} s old`;
    parts.push(`reference ${grouped(preview.reference)} from ${preview.sourcesFresh}/${preview.sourcesTotal} sources${age}`);
  } else parts.push(`no reference (${preview.sourcesFresh}/${preview.sourcesTotal} sources fresh)`);
  parts.push(`band ±${formatPercent(preview.band, false)}${preview.degraded ? ' (venue degraded)' : ''}`);
  if (preview.deviation !== null) parts.push(`your price ${formatPercent(preview.deviation, true)}`);
  return parts.join(' · ') + (preview.allowed ? ' ✓' : ` ✗ ${preview.reason ?? ''}`);
}
