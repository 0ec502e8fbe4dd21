#!/usr/bin/env node
// `npm run test:hub-electron-node [-- vitest args]`: the hub service's Vitest tests (apps/kiosk/src/hub) under the
// Node.js that the pinned Electron embeds, since that is where the hub service runs on a kiosk (a utilityProcess).
// That Node comes from the npm registry into a cache directory (scripts/node-runtime.mjs); better-sqlite3, a native
// module tied to one Node ABI, is built for it from the project's own copy of its source in a separate directory of
// the cache, and a resolve hook sends the tests' loads there (hub-electron-node/redirect-better-sqlite3.mjs).
// Both are made once per version and reused. `npm test` runs this as its "hub" step.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronNodeVersion } from './hub-electron-node/electron-node.mjs';
import { cacheDir, installNode } from './node-runtime.mjs';

const root = resolve(import.meta.dirname, '..');
const kioskRequire = createRequire(join(root, 'apps/kiosk/package.json'));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** better-sqlite3's sources copied from node_modules and compiled by node-gyp for the runtime at `nodeHome`. */
function buildBetterSqlite3(node, nodeVersion) {
  const source = dirname(kioskRequire.resolve('better-sqlite3/package.json'));
  const { version } = readJson(join(source, 'package.json'));
  // A node_modules of its own, so the copy's require('bindings') finds a module beside it.
  const modules = join(cacheDir(), `better-sqlite3-${version}-node-${nodeVersion}`, 'node_modules');
  const target = join(modules, 'better-sqlite3');
  const addon = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(addon)) return target;
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  cpSync(source, target, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  for (const dep of ['bindings', 'file-uri-to-path']) {
    const from = dirname(createRequire(join(source, 'package.json')).resolve(`${dep}/package.json`));
    cpSync(from, join(modules, dep), { recursive: true });
  }
  const gyp = kioskRequire.resolve('node-gyp/bin/node-gyp.js');
  console.log(`building better-sqlite3 ${version} for Node ${nodeVersion} in ${target}`);
  const build = spawnSync(node.bin, [gyp, 'rebuild', '--release', `--nodedir=${node.home}`, '-j', '2'], {
    cwd: target,
    stdio: 'inherit',
  });
  if (build.status !== 0 || !existsSync(addon))
    throw new Error(`node-gyp could not build better-sqlite3 for Node ${nodeVersion} (see its output above)`);
  return target;
}

function main() {
  const electronVersion = readJson(join(root, 'apps/kiosk/package.json')).devDependencies.electron;
  const nodeVersion = electronNodeVersion(electronVersion);
  const node = installNode(nodeVersion);
  const betterSqlite3 = buildBetterSqlite3(node, nodeVersion);
  const projectCopy = dirname(kioskRequire.resolve('better-sqlite3/package.json'));
  const hook = pathToFileURL(join(import.meta.dirname, 'hub-electron-node/redirect-better-sqlite3.mjs')).href;

  console.log(`hub service tests under Node ${nodeVersion} (Electron ${electronVersion})`);
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const run = spawnSync(node.bin, [vitest, 'run', 'apps/kiosk/src/hub', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      // Children the tests start with plain `node` get this Node too, and the hook with it.
      PATH: `${dirname(node.bin)}:${process.env.PATH ?? ''}`,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${hook}`.trim(),
      VIGEVANO_BETTER_SQLITE3_FROM: `${pathToFileURL(projectCopy).href}/`,
      VIGEVANO_BETTER_SQLITE3_TO: `${pathToFileURL(betterSqlite3).href}/`,
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
