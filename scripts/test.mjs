// Runs every test: type checks, then one vitest run over all projects (unit, integration, real-browser,
// databases). Ends with one line `N passed, N failed[, N skipped]`; exits non-zero on any failure, on any
// skipped test (browser and database tests must really run) and when no test ran.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureNats, ensurePostgres } from './lib/services.mjs';
import { ROOT, run } from './lib/sh.mjs';
import { typecheck } from './typecheck.mjs';

const problems = [];
const env = { ...ensureChromium(problems), ...(await ensurePostgres(problems)), ...(await ensureNats(problems)) };
for (const p of problems) console.warn(`⚠ ${p}`);

console.log('› typecheck');
const tc = typecheck();

const out = join(ROOT, '.tmp/vitest.json');
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
rmSync(out, { force: true });
const vitestArgs = ['run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const status = run(join(ROOT, 'node_modules/.bin/vitest'), vitestArgs, { allowFail: true, env });

let v = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numFailedTestSuites: 0 };
try {
  v = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.error('✖ vitest wrote no results');
  v.numFailedTestSuites = 1;
}
const passed = tc.passed + v.numPassedTests;
// A test file that fails to load has no test results of its own: count it as a failure.
let failed = tc.failed + v.numFailedTests + (v.numFailedTests ? 0 : v.numFailedTestSuites);
// Unhandled errors (a promise rejected after its test ended) fail vitest's run but no test: count one.
if (status && !v.numFailedTests && !v.numFailedTestSuites) {
  console.error(`✖ vitest exited with ${status} although every test passed: unhandled errors, listed above`);
  failed++;
}
const skipped = v.numPendingTests + v.numTodoTests;
if (skipped) console.error(`✖ ${skipped} test(s) skipped: every browser and database test must run`);
if (!v.numPassedTests) console.error('✖ no test ran');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || skipped || !v.numPassedTests ? 1 : 0);
