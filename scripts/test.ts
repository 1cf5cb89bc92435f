/**
 * `npm test`: type-checks, checks that no deprecated API is used (deprecations.ts), builds, then runs every
 * Vitest project (unit, store, packaging, end-to-end) and ends with one line `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.ts';

const RESULTS = join(import.meta.dirname, '../test-results');
const REPORT = join(RESULTS, 'vitest.json');

function step(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  return spawnSync(command, args, { stdio: 'inherit', env: process.env }).status === 0;
}

/** Tools run on this same Node (24), whatever `node` the shell would find. */
const tool = (path: string) => join(import.meta.dirname, '../node_modules', path);
const node = (label: string, script: string, args: string[]) => step(label, process.execPath, [tool(script), ...args]);
const extraArgs = process.argv.slice(2);

mkdirSync(RESULTS, { recursive: true });
rmSync(REPORT, { force: true });

process.env.CHROMIUM_PATH = ensureChromium();
const PROJECTS = ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test.json'];
for (const project of PROJECTS) {
  if (!node(`typecheck ${project}`, 'typescript/bin/tsc', ['-p', project])) fail('typecheck');
}
if (!step('deprecated APIs', process.execPath, [join(import.meta.dirname, 'deprecations.ts'), ...PROJECTS])) fail('the deprecated-API check');
if (!node('build', 'electron-vite/bin/electron-vite.js', ['build'])) fail('build');
const vitestOk = node('tests', 'vitest/vitest.mjs', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`, ...extraArgs]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  failed = Math.max(failed, 1);
}
if (!vitestOk && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && vitestOk ? 0 : 1);

function fail(what: string): never {
  console.log(`\n0 passed, 1 failed (${what} failed before the tests ran)`);
  process.exit(1);
}
