/**
 * Writes a claim's evidence bundle (DESIGN §10): a folder of claim.json, report.html (and
 * report.pdf when a printer is given and works), orders/fills/prices CSVs, journal.jsonl and
 * manifest.json, then the same files as a zip beside it. Nothing is written for a journal whose
 * chain does not link up. Apart from the PDF, the content depends only on the journal and the
 * claim, so exporting twice gives the same bytes.
 */
import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentView } from '../../../shared/incidents';
import type { Claim } from '../claims/build-claim';
import type { JournalEvent } from '../../../shared/domain';
import type { Journal } from '../journal/journal';
import { readFills, readOrders } from '../journal/projections';
import { projectRecords } from '../journal/verify-projections';
import type { BundleContext } from './bundle-context';
import { fillsCsv, ordersCsv, pricesCsv } from './bundle-files';
import { BUNDLE_FORMAT, DERIVED_FILES, FILES, jsonText, type Anchor, type AnchorRef, type Manifest } from './bundle-format';
import { allEvents, gatherEvidence, smallest } from './gather-evidence';
import { itemPrices } from './item-prices';
import { reportEvidence } from './report-evidence';
import { journalLines, type LinesProgress } from './journal-lines';
import type { PdfResult } from './print-pdf';
import { reportHtml } from './report-html';
import { writeZip } from './zip-writer';

export interface ExportRequest {
  journal: Journal;
  claim: Claim;
  /** The incidents the claim was built from; all of them are shown and their evidence carried. */
  incidents: readonly IncidentView[];
  /** The claim's id in the claim book: the record that last stated it (CLAIM_CREATED or a repricing CLAIM_UPDATED) is carried and checked against. */
  claimId?: string;
  /** The trader's note on the claim, shown in the report. */
  note?: string;
  context: BundleContext;
  /** Product and version, e.g. "blackbox 0.1.0". */
  generator: string;
  /** The folder `name` and `name`.zip are created in. */
  dir: string;
  name: string;
  /** Which records journal.jsonl carries in full: the relevant ones (default) or every one. */
  full?: 'relevant' | 'all';
  onProgress?: (progress: LinesProgress) => void;
  /** Turns report.html into a PDF (headless Chromium, Electron's printToPDF…). */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<PdfResult>;
}

export interface ExportResult {
  folder: string;
  zip: string;
  files: string[];
  head: { seq: number; hash: string };
  firstSeq: number;
  records: number;
  fullRecords: number;
  /** Null when no printer was given. */
  pdf: PdfResult | null;
}

const sha256 = (data: Buffer): string => hash('sha256', data, 'hex');

export async function exportBundle(request: ExportRequest): Promise<ExportResult> {
  const { journal, claim, incidents } = request;
  const head = journal.head();
  if (!head) throw new Error('the journal is empty: there is nothing to export');
  const folder = join(request.dir, request.name);
  const zipPath = `${folder}.zip`;
  if ((existsSync(folder) && readdirSync(folder).length > 0) || existsSync(zipPath)) {
    throw new Error(`${folder} or its zip already exists; remove it or export elsewhere`);
  }

  const evidence = gatherEvidence(journal, claim, incidents);
  const claimSeq = request.claimId === undefined ? null : claimRecordSeq(journal, request.claimId);
  const proven = [...claim.items.flatMap((i) => i.evidence), ...incidents.flatMap((i) => i.evidence), ...(claimSeq === null ? [] : [claimSeq])];
  const anchors = coveringAnchors(journal, proven.reduce((most, seq) => Math.max(most, seq), 0), head.seq);
  for (const seq of [head.seq, ...(claimSeq === null ? [] : [claimSeq]), ...anchors.map((a) => a.seq)]) evidence.relevant.add(seq);
  const firstSeq = smallest([...evidence.relevant].filter((seq) => seq >= 1 && seq <= head.seq)) ?? head.seq;
  const isFull = request.full === 'all' ? () => true : (seq: number) => evidence.relevant.has(seq);
  const lines = journalLines(journal, firstSeq, head, isFull, request.onProgress);

  const claimFile = { bundle: BUNDLE_FORMAT, generator: request.generator, context: request.context, claimId: request.claimId ?? null, note: request.note ?? '', claim, incidents };
  const derived = deriveFiles(claimFile, lines.full, head, firstSeq);
  const contents = new Map<string, Buffer>([
    [FILES.claim, Buffer.from(jsonText(claimFile))],
    [FILES.report, derived.get(FILES.report)!],
    [FILES.orders, derived.get(FILES.orders)!],
    [FILES.fills, derived.get(FILES.fills)!],
    [FILES.prices, derived.get(FILES.prices)!],
    [FILES.journal, lines.data],
  ]);

  mkdirSync(folder, { recursive: true });
  for (const [name, data] of contents) writeFileSync(join(folder, name), data);
  let pdf: PdfResult | null = null;
  if (request.printPdf) {
    pdf = await request.printPdf(join(folder, FILES.report), join(folder, FILES.pdf));
    if (pdf.ok) contents.set(FILES.pdf, readFileSync(pdf.path));
  }
  const names = [...contents.keys()].sort();
  const manifest: Manifest = {
    bundle: BUNDLE_FORMAT,
    files: Object.fromEntries(names.map((name) => [name, sha256(contents.get(name)!)])),
    journal: { file: FILES.journal, firstSeq, head, fullRecords: lines.fullRecords },
    derived: [...DERIVED_FILES],
    claimSeq,
    anchors,
    ...(request.context.owner ? { account: request.context.owner } : {}),
  };
  contents.set(FILES.manifest, Buffer.from(jsonText(manifest)));
  writeFileSync(join(folder, FILES.manifest), contents.get(FILES.manifest)!);

  const zip = writeZip([...contents].map(([name, data]) => ({ name, data })), lines.headAt);
  // Written aside and renamed, so a zip that is there is a whole one.
  writeFileSync(`${zipPath}.partial`, zip);
  renameSync(`${zipPath}.partial`, zipPath);
  return { folder, zip: zipPath, files: [...contents.keys()], head, firstSeq, records: head.seq - firstSeq + 1, fullRecords: lines.fullRecords, pdf };
}

/** The record that last stated claim `id`'s items: its CLAIM_CREATED, or a CLAIM_UPDATED that repriced it. */
function claimRecordSeq(journal: Journal, id: string): number | null {
  let seq: number | null = null;
  for (const e of allEvents(journal, { kind: ['CLAIM_CREATED', 'CLAIM_UPDATED'] })) {
    const p = e.payload as { claim?: { id?: string }; id?: string; items?: unknown };
    if (e.kind === 'CLAIM_CREATED' ? p.claim?.id === id : p.id === id && p.items !== undefined) seq = e.seq;
  }
  return seq;
}

/** The tokens of the first anchored head at or after `lastEvidence` (one per TSA that stamped it). */
function coveringAnchors(journal: Journal, lastEvidence: number, headSeq: number): AnchorRef[] {
  const found: AnchorRef[] = [];
  for (const e of allEvents(journal, { kind: 'ANCHOR' }, (e) => e.seq <= headSeq)) {
    const p = e.payload as { headSeq: number; headHash: string; tsa: string; genTime: string };
    if (p.headSeq < lastEvidence || (found.length > 0 && p.headSeq !== found[0].headSeq)) continue;
    found.push({ seq: e.seq, headSeq: p.headSeq, headHash: p.headHash, tsa: p.tsa, genTime: p.genTime });
  }
  return found;
}

export interface ClaimFile {
  bundle: number;
  generator: string;
  context: BundleContext;
  claimId: string | null;
  note: string;
  claim: Claim;
  incidents: readonly IncidentView[];
}

/** The files made only from claim.json and the records carried in full (the verifier makes them again and compares). */
export function deriveFiles(file: ClaimFile, full: readonly JournalEvent[], head: Anchor, firstSeq: number): Map<string, Buffer> {
  const evidence = reportEvidence(full, file.claim, file.incidents);
  const byId = new Map(file.incidents.map((i) => [i.id, i]));
  const html = reportHtml({
    claim: file.claim, claimId: file.claimId, note: file.note, incidents: file.incidents, context: file.context, generator: file.generator,
    head, headAt: full.find((e) => e.seq === head.seq)?.at ?? null, firstSeq, evidence,
    prices: file.claim.items.map((item) => itemPrices(item, byId.get(item.incident), evidence)),
  });
  // The orders and fills as the journal's own projector makes them from the records carried.
  const projected = projectRecords(evidence.orderEvents);
  try {
    return new Map([
      [FILES.report, Buffer.from(html)],
      [FILES.orders, Buffer.from(ordersCsv(readOrders(projected)))],
      [FILES.fills, Buffer.from(fillsCsv(readFills(projected)))],
      [FILES.prices, Buffer.from(pricesCsv(evidence.prices, evidence.priceLabels))],
    ]);
  } finally {
    projected.close();
  }
}
