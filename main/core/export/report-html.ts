/**
 * report.html: the claim for a human reader — what happened, the incidents in order, each item
 * with the venue's price beside the independent one, the totals, and how to check it all. One
 * self-contained file (inline style, no scripts, no external assets) that prints cleanly.
 */
import type { JournalEvent } from '../../../shared/domain';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import type { BundleContext } from './bundle-context';
import { FILES, type Anchor } from './bundle-format';
import type { ItemPrices } from './item-prices';

export interface ReportInput {
  claim: Claim;
  incidents: readonly IncidentView[];
  context: BundleContext;
  generator: string;
  head: Anchor;
  headAt: number;
  firstSeq: number;
  statuses: readonly JournalEvent[];
  prices: readonly ItemPrices[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown): string => (value === null || value === undefined ? '—' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]));
const iso = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z'));
const row = (cells: readonly string[], tag = 'td'): string => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const table = (header: readonly string[], rows: readonly string[], cls = ''): string =>
  `<table${cls ? ` class="${cls}"` : ''}><thead>${row(header.map(esc), 'th')}</thead><tbody>${rows.join('')}</tbody></table>`;

const STYLE = `
body{font:13px/1.45 "DejaVu Sans",system-ui,sans-serif;color:#111;background:#fff;margin:2em auto;max-width:1100px;padding:0 1.5em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #999;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left;vertical-align:top}
th{background:#eee}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:"DejaVu Sans Mono",monospace;word-break:break-all}
.total{font-size:1.3em;font-weight:bold}.muted{color:#555}.reversed{color:#666;font-style:italic}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:.92em}pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;max-width:none;font-size:10.5px}th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,pre,dl{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
`;

function whatHappened(input: ReportInput): string {
  const { incidents, claim } = input;
  const losses = claim.items.filter((i) => i.amount !== null);
  const first = incidents.length ? Math.min(...incidents.map((i) => i.openedAt)) : null;
  const last = incidents.length ? Math.max(...incidents.map((i) => i.closedAt ?? i.detectedAt)) : null;
  const kinds = [...new Set(incidents.map((i) => i.kind))].join(', ');
  const statusRows = input.statuses
    .filter((e) => (e.payload as { source?: string }).source === 'terminal')
    .map((e) => row([esc(iso((e.payload as { at?: number }).at ?? e.at)), esc((e.payload as { status: string }).status), `<span class="mono">${e.seq}</span>`]));
  return `<h2>What happened</h2>
<p>Between ${esc(iso(first))} and ${esc(iso(last))} the terminal recorded ${incidents.length} incident${incidents.length === 1 ? '' : 's'} (${esc(kinds)}).
${losses.length === 1 ? '1 item carries' : `${losses.length} items carry`} a loss, valued at the independent reference price (the median of public spot feeds, not the venue's own mark);
${claim.items.length - losses.length} more are listed for information. Incidents that a later rollback undid are kept and marked.</p>
${statusRows.length ? `<p>Venue status as the terminal inferred it:</p>${table(['At (UTC)', 'Status', 'Journal seq'], statusRows)}` : ''}`;
}

function incidentsTable(incidents: readonly IncidentView[]): string {
  const rows = incidents.map((i) =>
    `<tr${i.reversedBy ? ' class="reversed"' : ''}>${[
      esc(i.id), esc(i.kind), esc(i.market), esc(iso(i.openedAt)), esc(iso(i.detectedAt)), esc(iso(i.closedAt)),
      esc(i.clientIds.join(', ') || '—'), esc(i.findings[0]?.summary) + (i.reversedBy ? ` <em>(undone by ${esc(i.reversedBy)})</em>` : ''),
      `<span class="mono">${esc(i.evidence.join(' '))}</span>`,
    ].map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<h2>Incidents, in order</h2>${table(['Id', 'Kind', 'Market', 'Opened', 'Detected', 'Closed', 'Orders', 'What was seen', 'Evidence seqs'], rows)}`;
}

function itemsTable(input: ReportInput): string {
  const rows = input.claim.items.map((item, n) => {
    const p = input.prices[n];
    return row([
      String(n + 1), esc(item.kind), esc(item.clientId), esc(item.incident), esc(iso(p.at)), esc(p.market),
      `<span class="num">${esc(p.venuePrice)}</span>`, `<span class="num">${esc(p.venueMark)}</span>`, `<span class="num">${esc(p.reference)}</span>`,
      `<b>${item.amount === null ? '<span class="muted">info</span>' : esc(item.amount)}</b>`, esc(item.basis),
      `<span class="mono">${esc(item.evidence.join(' '))}</span>`,
    ]);
  });
  return `<h2>Claim items</h2>${table(['#', 'Kind', 'Order', 'Incident', 'At (UTC)', 'Market', 'Venue price', 'Venue mark', 'Independent reference', 'Amount', 'Basis', 'Evidence seqs'], rows)}`;
}

function totals(claim: Claim): string {
  const losses = claim.items.filter((i) => i.amount !== null).length;
  return `<h2>Totals</h2><dl><dt>Claimed</dt><dd class="total">${esc(claim.total)}</dd>
<dt>Items with a loss</dt><dd>${losses}</dd><dt>Items for information</dt><dd>${claim.items.length - losses}</dd></dl>`;
}

function howToVerify(input: ReportInput): string {
  return `<h2>How to verify this bundle</h2>
<ol>
<li>With Blackbox: <code>blackbox verify &lt;this folder or its zip&gt;</code> checks everything below offline and names what fails.</li>
<li>By hand: <code>${FILES.manifest}</code> lists the SHA-256 of every other file; compare each with <code>sha256sum</code>.</li>
<li><code>${FILES.journal}</code> holds the journal from seq ${input.firstSeq} to the head, one record per line. A full line is
<code>{"seq", "prevHash", "hash", "record"}</code>, where <code>record</code> is the canonical JSON (RFC 8785: keys sorted, no whitespace) of
<code>{at, clientId, kind, market, payload, raw, seq, venue, venueAt, venueOrderId}</code> exactly as the journal hashed it: <code>hash</code> is SHA-256 over
the UTF-8 bytes of <code>prevHash</code> (64 lowercase hex characters) followed by those bytes of <code>record</code>. Lines that carry only
<code>seq, prevHash, hash</code> are links: records not relevant to this claim, kept so that the chain is unbroken.</li>
<li>Each line's <code>prevHash</code> must equal the previous line's <code>hash</code>, and the last line must be the head in the manifest:
seq ${input.head.seq}, <span class="mono">${esc(input.head.hash)}</span>. Ask the trader's journal for its head (<code>blackbox journal verify &lt;journal.db&gt;</code>) to see that it is the same chain.</li>
<li>Every evidence seq named above is in <code>${FILES.journal}</code> in full, with the venue's raw message where there was one.</li>
</ol>`;
}

export function reportHtml(input: ReportInput): string {
  const { claim, context } = input;
  const scenario = context.scenario;
  const account = Object.entries(context.account).map(([k, v]) => `${esc(k)} ${esc(v)}`).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Refund claim — ${esc(context.venue)} — ${esc(claim.total)}</title><style>${STYLE}</style></head>
<body>
<h1>Refund claim: ${esc(claim.total)}</h1>
<p class="muted">Evidence bundle from the trader's own hash-chained journal, recorded by ${esc(input.generator)}.</p>
<dl>
<dt>Venue</dt><dd>${esc(context.venue)}</dd>
<dt>Account</dt><dd>${account || '—'}</dd>
${scenario ? `<dt>Scenario</dt><dd>${esc(scenario.name)} (${esc(scenario.start)} to ${esc(scenario.until)})${scenario.description ? `<br><span class="muted">${esc(scenario.description)}</span>` : ''}</dd>` : ''}
<dt>Journal</dt><dd>up to seq ${input.head.seq} at ${esc(iso(input.headAt))}, head hash <span class="mono">${esc(input.head.hash)}</span></dd>
</dl>
${whatHappened(input)}
${incidentsTable(input.incidents)}
${itemsTable(input)}
${totals(claim)}
${howToVerify(input)}
</body></html>
`;
}
