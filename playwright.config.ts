import { defineConfig } from '@playwright/test';
import type { HostOptions } from './e2e/fixtures/host';

/**
 * The same specs run against the web host in Debian's Chromium and against the Electron host.
 * Where Electron's binary is missing, the electron project's tests are skipped with the reason.
 */
export default defineConfig<HostOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.reports/playwright.json' }]],
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'web',
      use: {
        host: 'web',
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    { name: 'electron', use: { host: 'electron' } },
  ],
});
