/**
 * report.html to PDF with headless Chromium, where the machine has one (/usr/bin/chromium or
 * CHROMIUM_PATH). The Electron host prints with its own printToPDF instead; both answer a PdfResult.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export type PdfResult = { ok: true; path: string } | { ok: false; reason: string };

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const TIMEOUT_MS = 60_000;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidate = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return existsSync(candidate) ? candidate : null;
}

export function printWithChromium(htmlPath: string, pdfPath: string, chromium = chromiumPath()): Promise<PdfResult> {
  if (!chromium) {
    return Promise.resolve({ ok: false, reason: `no Chromium to print with (looked for ${process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM}; set CHROMIUM_PATH); report.html prints from any browser` });
  }
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu',
    // Offline and quiet: no update checks, sync or first-run work while printing evidence.
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--no-pdf-header-footer', `--print-to-pdf=${pdfPath}`, pathToFileURL(htmlPath).href,
  ];
  return new Promise((resolve) => {
    execFile(chromium, args, { timeout: TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (!error && existsSync(pdfPath)) resolve({ ok: true, path: pdfPath });
      else resolve({ ok: false, reason: `Chromium could not print the report: ${error?.message ?? 'no PDF was written'}${stderr ? ` (${String(stderr).trim().split('\n').pop()})` : ''}` });
    });
  });
}
