#!/usr/bin/env node
// npm test: lint and the formatter check, unit and integration tests (Vitest), then the browser tests (Playwright) against a
// production build. Ends with one summary line for all suites: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title, command, args, extraEnv = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const res = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return res.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 0. The code's own checks: lint (which keeps the module boundaries) and the formatter. Each
// counts as one test.
for (const [title, args] of [
  ['lint', ['eslint', '.', '--max-warnings', '0']],
  ['format', ['prettier', '--check', '.', '--log-level', 'warn']],
]) {
  if (run(title, 'npx', args) === 0) totals.passed += 1;
  else totals.failed += 1;
}

// 1. Unit and integration tests.
const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitestStatus = run('unit + integration', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  // A file that failed to load has no failed test of its own: count it.
  const brokenFiles = (vitest.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  totals.failed += brokenFiles;
} else if (vitestStatus !== 0) totals.failed += 1;

// 2. Browser tests against a production build.
if (process.env.SKIP_E2E === '1') {
  console.log('\nSKIP_E2E=1: browser tests not run');
} else if (run('production build', 'npx', ['next', 'build']) !== 0) {
  console.log('The production build failed: browser tests cannot run.');
  totals.failed += 1;
} else {
  const pwJson = path.join(results, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  const pwStatus = run('browser', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const pw = readJson(pwJson);
  if (pw?.stats) {
    totals.passed += pw.stats.expected + pw.stats.flaky;
    totals.failed += pw.stats.unexpected;
    totals.skipped += pw.stats.skipped;
    if (pwStatus !== 0 && pw.stats.unexpected === 0) totals.failed += 1;
  } else if (pwStatus !== 0) totals.failed += 1;
}

const ok = totals.failed === 0 && (vitestStatus === 0 || !vitest);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
