import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // No test reaches a public time-stamp authority; tests that anchor name a loopback TSA.
    env: { BLACKBOX_TSA_URLS: 'none' },
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
});
