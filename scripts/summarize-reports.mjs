// Sums the test runners' JSON reports into CI's closing line `N passed, N failed, N skipped`.
// A stage that failed before writing any report (typecheck, layer check) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const exitCode = Number(process.argv[2] ?? '0');
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync('.reports/vitest.json')) {
  const v = JSON.parse(readFileSync('.reports/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
  console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
}
if (existsSync('.reports/playwright.json')) {
  const { stats, suites } = JSON.parse(readFileSync('.reports/playwright.json', 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  console.log(`playwright: ${stats.expected} passed, ${stats.unexpected} failed, ${stats.skipped} skipped, ${stats.flaky} flaky`);
  // Say why each skipped test was skipped, so a skip is never mistaken for a pass.
  const reasons = new Set();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests) for (const r of t.results) if (r.status === 'skipped') for (const a of t.annotations) if (a.type === 'skip') reasons.add(`${t.projectName}: ${a.description ?? 'skipped without a reason'}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
  for (const reason of reasons) console.log(`  skipped — ${reason}`);
}
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
