#!/usr/bin/env node
// `npm test`: every check the project has, in order, each one's outcome reported, then one closing line
// "tests: N passed, N failed, N skipped". Exits non-zero if any step failed. Steps can be narrowed for a quick
// local loop with TEST_STEPS=lint,types,deadcode,build,unit,hub,e2e (CI always runs them all).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const resultsDir = 'test-results';
mkdirSync(resultsDir, { recursive: true });
const vitestJson = `${resultsDir}/vitest.json`;
const hubVitestJson = `${resultsDir}/vitest-hub-electron-node.json`;
const playwrightJson = `${resultsDir}/playwright.json`;
rmSync(vitestJson, { force: true });
rmSync(hubVitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireBrowser = process.env.VIGEVANO_REQUIRE_BROWSER === '1';
const wanted = new Set((process.env.TEST_STEPS ?? 'lint,types,deadcode,build,unit,hub,e2e').split(','));

const steps = [
  { id: 'lint', title: 'format and lint (Biome)', cmd: ['npx', 'biome', 'ci', '.'] },
  { id: 'types', title: 'type check of every workspace', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  // Unused files, exports, types and dependencies (knip.jsonc says where each process starts).
  { id: 'deadcode', title: 'dead code (knip)', cmd: ['npx', 'knip', '--no-progress'] },
  {
    id: 'build',
    title: 'build the UIs',
    cmd: ['npm', 'run', '--silent', 'build', '--workspaces', '--if-present'],
  },
  {
    id: 'unit',
    title: 'unit and integration tests (Vitest)',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  },
  {
    // The hub service runs under Electron's Node on a kiosk, not under the one running npm.
    id: 'hub',
    title: "hub service tests under the Node of the kiosk's Electron",
    cmd: [
      'node',
      'scripts/test-hub-electron-node.mjs',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${hubVitestJson}`,
    ],
  },
  {
    id: 'e2e',
    title: 'browser tests (Playwright, Chromium)',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    unavailable: () =>
      existsSync(chromium)
        ? undefined
        : `Chromium not found at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  },
];

const outcomes = [];
for (const step of steps) {
  if (!wanted.has(step.id)) continue;
  const why = step.unavailable?.();
  if (why) {
    if (requireBrowser) {
      console.error(`\n✗ ${step.title}: ${why}; VIGEVANO_REQUIRE_BROWSER=1 makes this a failure`);
      outcomes.push({ step, ok: false });
    } else {
      console.warn(`\n- ${step.title}: skipped: ${why}`);
      outcomes.push({ step, ok: true, skipped: true });
    }
    continue;
  }
  console.log(`\n▶ ${step.title}: ${step.cmd.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${step.title} (${seconds} s)`);
  outcomes.push({ step, ok });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const hubVitest = readJson(hubVitestJson);
if (hubVitest) {
  passed += hubVitest.numPassedTests;
  failed += hubVitest.numFailedTests;
  skipped += hubVitest.numPendingTests + hubVitest.numTodoTests;
}
const playwright = readJson(playwrightJson);
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}
// A failed check that is not a test (lint, types, build, a runner that crashed) still counts as a failure.
for (const o of outcomes) {
  const failedTests = {
    unit: vitest?.numFailedTests,
    hub: hubVitest?.numFailedTests,
    e2e: playwright?.stats.unexpected,
  }[o.step.id];
  // A step with no report, or one that failed with no failed test in it, still counts once.
  if (!o.ok && !failedTests) failed += 1;
}

console.log('\nSummary:');
for (const o of outcomes) console.log(`  ${o.skipped ? '-' : o.ok ? '✓' : '✗'} ${o.step.title}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(outcomes.every((o) => o.ok) && failed === 0 ? 0 : 1);
