import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, APP_ORIGIN, handleAppRequest, isAppUrl } from './app-protocol';

function rendererDir() {
  const root = mkdtempSync(join(tmpdir(), 'bb-app-protocol-'));
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'journal.db'), 'not for the page');
  return dir;
}

const get = (dir: string, url: string) => handleAppRequest(dir, { method: 'GET', url });

describe('app:// protocol', () => {
  it('serves the renderer with a CSP that forbids network, plugins, framing and foreign scripts', async () => {
    const dir = rendererDir();
    const page = await get(dir, `${APP_ORIGIN}/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'];
    expect(csp).toBe(APP_CSP);
    for (const rule of ["default-src 'none'", "script-src 'self'", "connect-src 'none'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(rule);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await get(dir, `${APP_ORIGIN}/assets/app.js`);
    expect(script).toMatchObject({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': APP_CSP } });
  });

  it('puts the CSP on refusals too, and serves nothing outside the renderer folder or for other hosts and methods', async () => {
    const dir = rendererDir();
    for (const url of [`${APP_ORIGIN}/../journal.db`, `${APP_ORIGIN}/%2e%2e/journal.db`, `${APP_ORIGIN}/%`, `${APP_ORIGIN}/%E0%A4%A`, 'app://other/index.html', 'file:///etc/passwd', `${APP_ORIGIN}/assets`]) {
      const answer = await get(dir, url);
      expect(answer.status, url).toBe(404);
      expect(answer.headers['content-security-policy']).toBe(APP_CSP);
    }
    expect((await handleAppRequest(dir, { method: 'POST', url: `${APP_ORIGIN}/index.html` })).status).toBe(405);
  });

  it('knows its own origin, for the IPC sender check', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    // Chromium names the origin alone in permission checks.
    expect(isAppUrl(APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://blackbox.evil/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('https://blackbox/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
