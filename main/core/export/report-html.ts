/**
 * report.html: the claim for a human reader — what happened, the incidents in order, each item
 * with the venue's price beside the independent one, the totals, and how to check it all. One
 * self-contained file (inline style, no scripts, no external assets) that prints cleanly.
 */
import Decimal from 'decimal.js';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import type { BundleContext } from './bundle-context';
import { FILES, type Anchor } from './bundle-format';
import type { ItemPrices } from './item-prices';
import type { ReportEvidence } from './report-evidence';

export interface ReportInput {
  claim: Claim;
  claimId: string | null;
  note: string;
  incidents: readonly IncidentView[];
  context: BundleContext;
  generator: string;
  head: Anchor;
  headAt: number | null;
  firstSeq: number;
  evidence: ReportEvidence;
  prices: readonly ItemPrices[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown): string => (value === null || value === undefined ? '—' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]));
const iso = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z'));
const row = (cells: readonly string[], tag = 'td'): string => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const seqs = (list: readonly number[]): string => list.map((n) => `<span class="seq">${n}</span>`).join(' ');
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number): string => NUMBER_WORDS[n] ?? String(n);

/** A decimal string grouped in thousands, its digits otherwise as recorded ("81000" → "81,000"). */
export function grouped(value: string): string {
  const [whole, fraction] = value.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An amount of money: two decimals at least, grouped, with its currency ("7,502.50 USD"). */
export function money(value: string, currency: string): string {
  const d = new Decimal(value);
  return `${grouped(d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed())} ${currency}`;
}

/** The settlement currency of a market's amounts: its quote ("BTC-USD-PERP" → USD); USDC where the name has none. */
export function currencyOf(market: string | null): string {
  const parts = (market ?? '').split('-');
  return parts.length >= 2 && /^[A-Z]{3,5}$/.test(parts[1]) ? parts[1] : 'USDC';
}

const table = (header: readonly string[], rows: readonly string[], cls = ''): string =>
  `<table${cls ? ` class="${cls}"` : ''}><thead>${row(header.map(esc), 'th')}</thead><tbody>${rows.join('')}</tbody></table>`;

const STYLE = `
body{font:13px/1.45 "DejaVu Sans",system-ui,sans-serif;color:#111;background:#fff;margin:2em auto;max-width:1100px;padding:0 1.5em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #999;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left;vertical-align:top}
th{background:#eee}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:"DejaVu Sans Mono",monospace;word-break:break-all}
.seq{white-space:nowrap;font-family:"DejaVu Sans Mono",monospace}.summary{font-size:1.1em;border-left:4px solid #333;padding:.3em .8em;background:#f6f6f6}
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
  const statusRows = input.evidence.statuses
    .filter((e) => (e.payload as { source?: string }).source === 'terminal')
    .map((e) => row([esc(iso((e.payload as { at?: number }).at ?? e.at)), esc((e.payload as { status: string }).status), seqs([e.seq])]));
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
      seqs(i.evidence),
    ].map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<h2>Incidents, in order</h2>${table(['Id', 'Kind', 'Market', 'Opened', 'Detected', 'Closed', 'Orders', 'What was seen', 'Evidence seqs'], rows)}`;
}

const price = (value: string | null): string => `<span class="num">${value === null ? '—' : esc(grouped(value))}</span>`;

function itemsTable(input: ReportInput, currency: string): string {
  const rows = input.claim.items.map((item, n) => {
    const p = input.prices[n];
    return row([
      String(n + 1), esc(item.kind), esc(item.clientId), esc(item.incident), esc(iso(p.at)), esc(p.market),
      price(p.venuePrice), price(p.venueMark), price(p.reference),
      `<b>${item.amount === null ? '<span class="muted">info</span>' : esc(money(item.amount, currency))}</b>`, esc(item.basis),
      seqs(item.evidence),
    ]);
  });
  return `<h2>Claim items</h2>${table(['#', 'Kind', 'Order', 'Incident', 'At (UTC)', 'Market', 'Venue price', 'Venue mark', 'Independent reference', 'Amount', 'Basis', 'Evidence seqs'], rows)}`;
}

function totals(claim: Claim, currency: string): string {
  const losses = claim.items.filter((i) => i.amount !== null).length;
  return `<h2>Totals</h2><dl><dt>Claimed</dt><dd class="total">${esc(money(claim.total, currency))}</dd>
<dt>Items with a loss</dt><dd>${losses}</dd><dt>Items for information</dt><dd>${claim.items.length - losses}</dd></dl>`;
}

const VERBS: Record<string, string> = { UNEXPECTED_LIQUIDATION: 'liquidated', UNEXPECTED_TRIGGER: 'stopped out' };

/** The plain-words line on top: what each loss was, against what the independent sources said. */
function summary(input: ReportInput, currency: string): string {
  const parts = input.claim.items.flatMap((item, n) => {
    if (item.amount === null) return [];
    const p = input.prices[n];
    const sources = p.sources === null ? 'the independent reference' : `${count(p.sources)} independent source${p.sources === 1 ? '' : 's'}`;
    const said = p.reference === null ? 'no independent price was known' : `${sources} said ${grouped(p.reference)}`;
    return [`${VERBS[item.kind] ?? item.kind} at ${grouped(p.venuePrice ?? '—')} while ${said}; loss ${money(item.amount, currency)}`];
  });
  const text = `${parts.join('. ')}${parts.length > 1 ? `. Total ${money(input.claim.total, currency)}` : ''}.`;
  return `<p class="summary">${esc(text.charAt(0).toUpperCase() + text.slice(1))}</p>`;
}

/** "paradex:mainnet:0xabc" → venue, network and address (a subaccount after a slash). */
function accountWords(account: string): string {
  const [venue, network, ...rest] = account.split(':');
  if (!network || rest.length === 0) return esc(account);
  const [address, sub] = rest.join(':').split('/');
  return `${esc(venue)} ${esc(network)}, address <span class="mono">${esc(address)}</span>${sub === undefined ? '' : `, subaccount ${esc(sub)}`}`;
}

/** What the time-stamp tokens carried in full say (checked by \`blackbox verify\`, not here). */
function anchorStatement(input: ReportInput): string {
  const anchors = input.evidence.anchors.map((e) => e.payload as { headSeq: number; tsa: string; tsaName?: string; genTime: string });
  if (anchors.length === 0) return '<p>No RFC 3161 time-stamp covers this evidence: the chain proves the records were not changed after its head was known, not when that was.</p>';
  const items = anchors.map((a) => `<li>records <span class="seq">1–${grouped(String(a.headSeq))}</span> existed no later than ${esc(iso(Date.parse(a.genTime)))} (TSA ${esc(a.tsaName ?? a.tsa)}, ${esc(a.tsa)})</li>`);
  return `<p>RFC 3161 time-stamp tokens over the chain head (carried in full as ANCHOR records in ${FILES.journal}; <code>blackbox verify</code> checks each offline):</p><ul>${items.join('')}</ul>`;
}

function howToVerify(input: ReportInput): string {
  return `<h2>How to verify this bundle</h2>
<ol>
<li>With Blackbox: <code>blackbox verify &lt;this folder or its zip&gt;</code> checks everything below offline and names what fails.</li>
<li>By hand: <code>${FILES.manifest}</code> lists the SHA-256 of every other file; compare each with <code>sha256sum</code>.</li>
<li><code>${FILES.journal}</code> holds the journal from seq ${input.firstSeq} to the head, one record per line. A full line is
<code>{"seq", "prevHash", "hash", "record"}</code>, where <code>record</code> is the canonical JSON (RFC 8785: keys sorted, no whitespace) of
<code>{account, at, clientId, kind, market, payload, raw, seq, v: 2, venue, venueAt, venueOrderId}</code> exactly as the journal hashed it:
<code>recordHash</code> is SHA-256 over those bytes and <code>hash</code> is SHA-256 over the text of <code>prevHash</code> followed by <code>recordHash</code> (each 64 lowercase hex characters).
Lines that carry <code>seq, prevHash, hash, recordHash</code> are links: records not relevant to this claim, kept so that the chain is unbroken, and recomputable the same way.
(Records written before chain version 2 hash <code>prevHash</code> followed by the record without <code>account</code> and <code>v</code>; their links carry no <code>recordHash</code> and can only be taken as stated.)</li>
<li>Each line's <code>prevHash</code> must equal the previous line's <code>hash</code>, and the last line must be the head in the manifest:
seq ${input.head.seq}, <span class="mono">${esc(input.head.hash)}</span>. Ask the trader's journal for its head (<code>blackbox journal verify &lt;journal.db&gt;</code>) to see that it is the same chain.</li>
<li>Every evidence seq named above is in <code>${FILES.journal}</code> in full, with the venue's raw message where there was one.</li>
</ol>`;
}

export function reportHtml(input: ReportInput): string {
  const { claim, context } = input;
  const scenario = context.scenario;
  const currency = currencyOf(input.prices.find((p) => p.market !== null)?.market ?? null);
  const details = Object.entries(context.account).map(([k, v]) => `${esc(k)} ${esc(v)}`).join(', ');
  const account = [...input.evidence.accounts.map(accountWords), ...(details ? [details] : [])].join('; ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Refund claim — ${esc(context.venue)} — ${esc(money(claim.total, currency))}</title><style>${STYLE}</style></head>
<body>
<h1>Refund claim${input.claimId ? ` ${esc(input.claimId)}` : ''}: ${esc(money(claim.total, currency))}</h1>
${summary(input, currency)}
<p class="muted">Evidence bundle from the trader's own hash-chained journal, recorded by ${esc(input.generator)}. Amounts in ${esc(currency)}.</p>
<dl>
<dt>Venue</dt><dd>${esc(context.venue)}</dd>
<dt>Account</dt><dd>${account || '—'}</dd>
${context.owner ? `<dt>Whose records</dt><dd>${esc(context.owner.proof)}${context.owner.proofSeqs.length ? ` (seq ${context.owner.proofSeqs.map((q) => `<span class="seq">${q}</span>`).join(', ')})` : ''}</dd>` : ''}
${scenario ? `<dt>Scenario</dt><dd>${esc(scenario.name)} (${esc(scenario.start)} to ${esc(scenario.until)})${scenario.description ? `<br><span class="muted">${esc(scenario.description)}</span>` : ''}</dd>` : ''}
${input.note ? `<dt>Trader's note</dt><dd>${esc(input.note)}</dd>` : ''}
<dt>Journal</dt><dd>up to seq <span class="seq">${input.head.seq}</span> at ${esc(iso(input.headAt))}, head hash <span class="mono">${esc(input.head.hash)}</span></dd>
</dl>
<h2>Time-stamps</h2>
${anchorStatement(input)}
${whatHappened(input)}
${incidentsTable(input.incidents)}
${itemsTable(input, currency)}
${totals(claim, currency)}
${howToVerify(input)}
</body></html>
`;
}
