#!/usr/bin/env node
// `npm run test:hub-electron-node [-- vitest args]`: the hub service's Vitest tests (apps/kiosk/src/hub) under the
// Node.js that the pinned Electron embeds, since that is where the hub service runs on a kiosk (a utilityProcess).
// That Node comes from the npm registry into a cache directory (scripts/node-runtime.mjs); better-sqlite3, a native
// module tied to one Node ABI, is built for it from the project's own copy of its source in a separate directory of
// the cache, and every process of the run loads that addon instead (hub-electron-node/swap-better-sqlite3-addon.mjs).
// Both are made once per version and reused. `npm test` runs this as its "hub" step; paths given as arguments
// narrow it (`npm run test:hub-electron-node -- apps/kiosk/src/hub/clock.test.ts`).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronNodeVersion } from './hub-electron-node/electron-node.mjs';
import { cacheDir, installNode } from './node-runtime.mjs';

const root = resolve(import.meta.dirname, '..');
const kioskRequire = createRequire(join(root, 'apps/kiosk/package.json'));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * better-sqlite3's addon compiled by node-gyp for the runtime `node`, from a copy of the project's own copy of its
 * sources (same version) in the cache. Returns the addon's path.
 */
function buildBetterSqlite3(node, nodeVersion, source) {
  const { version } = readJson(join(source, 'package.json'));
  const target = join(cacheDir(), `better-sqlite3-${version}-node-${nodeVersion}`);
  const addon = join(target, 'build', 'Release', 'better_sqlite3.node');
  // A cached addon built for another ABI (an earlier build that took the wrong headers) is built again.
  if (existsSync(addon) && loads(node, addon)) return addon;
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const gyp = kioskRequire.resolve('node-gyp/bin/node-gyp.js');
  console.log(`building better-sqlite3 ${version} for Node ${nodeVersion} in ${target}`);
  const build = spawnSync(node.bin, [gyp, 'rebuild', '--release', `--nodedir=${node.home}`, '-j', '2'], {
    cwd: target,
    stdio: 'inherit',
    // Under `npm test`, npm passes its own config to children as npm_config_* (a machine's npm may set
    // nodedir to its own Node's headers), and node-gyp would take that over --nodedir: name this Node's headers.
    env: { ...process.env, npm_config_nodedir: node.home },
  });
  if (build.status !== 0 || !existsSync(addon))
    throw new Error(`node-gyp could not build better-sqlite3 for Node ${nodeVersion} (see its output above)`);
  if (!loads(node, addon))
    throw new Error(
      `better-sqlite3 was built for Node ${nodeVersion} but that Node cannot load it: ${addon}`,
    );
  return addon;
}

/** Whether the runtime `node` can load the native addon at `addon` (built for its ABI). */
function loads(node, addon) {
  const probe = spawnSync(node.bin, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(addon)})`], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

function main() {
  const electronVersion = readJson(join(root, 'apps/kiosk/package.json')).devDependencies.electron;
  const nodeVersion = electronNodeVersion(electronVersion);
  const node = installNode(nodeVersion);
  const source = realpathSync(dirname(kioskRequire.resolve('better-sqlite3/package.json')));
  const addon = buildBetterSqlite3(node, nodeVersion, source);
  const hook = pathToFileURL(
    join(import.meta.dirname, 'hub-electron-node/swap-better-sqlite3-addon.mjs'),
  ).href;

  console.log(`hub service tests under Node ${nodeVersion} (Electron ${electronVersion})`);
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  // Paths given on the command line narrow the run (Vitest would OR them with the default); options pass through.
  const args = process.argv.slice(2);
  const paths = args.some((a) => !a.startsWith('-')) ? [] : ['apps/kiosk/src/hub'];
  // The long fault-injection runs (*.reliability.test.ts: minutes of kills and network faults) stay in the unit
  // step; here they would only repeat, under another Node, what they test of the kiosk's design, not of its runtime.
  const exclude = paths.length > 0 ? ['--exclude=**/*.reliability.test.ts'] : [];
  const run = spawnSync(node.bin, [vitest, 'run', ...paths, ...exclude, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      // Children the tests start with plain `node` get this Node too, and the hook with it.
      PATH: `${dirname(node.bin)}:${process.env.PATH ?? ''}`,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${hook}`.trim(),
      VIGEVANO_BETTER_SQLITE3_ADDON: join(source, 'build', 'Release', 'better_sqlite3.node'),
      VIGEVANO_BETTER_SQLITE3_ADDON_FOR_THIS_NODE: addon,
    },
  });
  process.exit(run.status ?? 1);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
