/**
 * Exports a claim's evidence bundle from the live terminal: into `exports/` beside the journal,
 * printed to PDF where headless Chromium is installed, with progress for the UI.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportView } from '../../../shared/incidents';
import { DomainError } from '../api/dispatch';
import type { Claim } from '../claims/build-claim';
import { exportBundle } from '../export/export-bundle';
import { printWithChromium } from '../export/print-pdf';
import { accountOwner } from '../settings/account-id';
import type { Terminal } from './terminal';

const GENERATOR = 'blackbox 0.1.0';

/** The signed requests of the claim's own orders: for a trading account, what ties the records to its key. */
function signedRequests(terminal: Terminal, incidents: { clientIds: string[] }[]): number[] {
  if (terminal.parts.venue.watchOnly) return [];
  const clientIds = [...new Set(incidents.flatMap((i) => i.clientIds))];
  return clientIds.flatMap((clientId) => terminal.parts.journal.query({ account: terminal.parts.account, kind: 'ORDER_SENT', clientId, limit: 10 }).events.map((e) => e.seq));
}

export async function exportClaim(terminal: Terminal, id: string): Promise<ExportView> {
  const claimView = terminal.claims.list().find((c) => c.id === id);
  if (!claimView) throw new DomainError('NOT_FOUND', `There is no claim ${id}.`);
  const incidents = terminal.incidents.list().filter((i) => claimView.incidentIds.includes(i.id));
  if (!claimView.items.some((i) => i.amount !== null)) throw new DomainError('NOTHING_TO_CLAIM', `Claim ${id}'s incidents carry no loss any more.`);
  const dir = join(dirname(terminal.journalPath), 'exports');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(terminal.parts.clock.now()).toISOString().replace(/[:.]/g, '-');
  // The newest time-stamp covers the claim; the bundle carries the claim as the book journalled it.
  await terminal.anchorer.settled();
  const result = await exportBundle({
    journal: terminal.parts.journal,
    claim: { items: claimView.items as Claim['items'], total: claimView.total },
    claimId: id,
    note: claimView.note,
    incidents,
    context: { venue: terminal.parts.venue.venue, account: {}, owner: accountOwner(terminal.parts.account, signedRequests(terminal, incidents)) },
    generator: GENERATOR,
    dir,
    name: `claim-${id}-${stamp}`,
    onProgress: (p) => terminal.emit('exportProgress', { claimId: id, written: p.written, total: p.total }),
    printPdf: (html, pdf) => printWithChromium(html, pdf),
  });
  return {
    claimId: id,
    folder: result.folder,
    zip: result.zip,
    pdf: result.pdf?.ok ? result.pdf.path : null,
    pdfProblem: result.pdf && !result.pdf.ok ? result.pdf.reason : null,
    records: result.records,
  };
}
