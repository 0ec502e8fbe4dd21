import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const biome = join(root, 'node_modules/.bin/biome');
const sandbox = tempDir('import-guard-');
afterAll(() => sandbox.remove());

/**
 * Lints a snippet as if it were the file at `path`: the project's biome.json is copied into a scratch folder
 * with the snippet at the same relative path, so the per-folder rules apply without touching the real tree.
 */
function lintAs(path: string, source: string): { ok: boolean; output: string } {
  const dir = join(sandbox.path, String(Math.random()).slice(2));
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
  writeFileSync(join(dir, path), source);
  const run = spawnSync(biome, ['lint', '--vcs-enabled=false', path], { cwd: dir, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

// Where each file may run is a lint rule (like Signal-Desktop's): these cases prove the rules bite.
describe('import guard (biome.json)', () => {
  it.each([
    [
      'packages/protocol/src/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    ['packages/protocol/src/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['packages/protocol/src/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'packages/rxdb-sqlite/src/x.ts',
      "import { x as y } from '../../../apps/kiosk/src/hub/x';\nexport const x = y;\n",
    ],
    ['apps/kiosk/src/hub/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['apps/kiosk/src/ui/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['apps/kiosk/src/ui/x.ts', "import { x as y } from '../hub/x';\nexport const x = y;\n"],
    [
      'apps/dashboard/src/x.ts',
      "import { x as y } from '../../../sync-server/src/x';\nexport const x = y;\n",
    ],
    ['sync-server/src/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    // Holes found in review: server libraries in browser code, and relative imports between the two apps.
    ['apps/kiosk/src/ui/x.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n"],
    ['apps/kiosk/src/ui/x.ts', "import Fastify from 'fastify';\nexport const x = Fastify;\n"],
    ['apps/kiosk/src/ui/x.ts', "import { WebSocket } from 'ws';\nexport const x = WebSocket;\n"],
    ['apps/dashboard/src/x.ts', "import pg from 'pg';\nexport const x = pg;\n"],
    ['apps/kiosk/src/ui/x.ts', "import { x as y } from '../../../dashboard/src/x';\nexport const x = y;\n"],
    ['apps/kiosk/src/hub/x.ts', "import { x as y } from '../../../dashboard/src/x';\nexport const x = y;\n"],
    ['apps/kiosk/src/hub/x.ts', "import { x as y } from '../ui/x';\nexport const x = y;\n"],
    ['apps/kiosk/src/main/x.ts', "import { x as y } from '../../../dashboard/src/x';\nexport const x = y;\n"],
    ['apps/dashboard/src/x.ts', "import { x as y } from '../../kiosk/src/ui/x';\nexport const x = y;\n"],
    [
      'apps/kiosk/src/ui/x.ts',
      "import { x as y } from '../../../../sync-server/src/x';\nexport const x = y;\n",
    ],
    // One case per line of the runtime table in docs/architecture.md that the cases above leave out.
    // pure → DOM
    ['packages/protocol/src/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    // DOM → Node built-ins, DOM → Electron (the dashboard too, and a nested UI folder)
    ['apps/dashboard/src/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    [
      'apps/kiosk/src/ui/screens/x.tsx',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    ],
    ['apps/dashboard/src/x.ts', "import { shell } from 'electron';\nexport const x = shell;\n"],
    // Node → DOM
    ['apps/kiosk/src/hub/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    [
      'sync-server/src/x.ts',
      "import { createRoot } from 'react-dom/client';\nexport const x = createRoot;\n",
    ],
    ['packages/rxdb-sqlite/src/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['scripts/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    // Electron main → DOM, → the hub service's code (it starts the hub as a process)
    ['apps/kiosk/src/main/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['apps/kiosk/src/main/x.ts', "import { x as y } from '../ui/x';\nexport const x = y;\n"],
    ['apps/kiosk/src/main/x.ts', "import { x as y } from '../hub/x';\nexport const x = y;\n"],
    // preload → anything but electron's contextBridge and ipcRenderer (and the pure protocol)
    ['apps/kiosk/src/preload/x.ts', "import { shell } from 'electron';\nexport const x = shell;\n"],
    [
      'apps/kiosk/src/preload/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    ['apps/kiosk/src/preload/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['apps/kiosk/src/preload/x.ts', "import { x as y } from '../main/x';\nexport const x = y;\n"],
    ['apps/kiosk/src/preload/x.ts', "import { x as y } from '@vigevano/rxdb-sqlite';\nexport const x = y;\n"],
    // Node files among the kiosk's: tests, their helpers, benchmarks, scripts never import electron
    ['apps/kiosk/src/ui/x.e2e.test.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['apps/kiosk/src/ui/test-support/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['apps/kiosk/bench/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['scripts/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    // tests keep to their app like the code beside them
    [
      'apps/kiosk/src/ui/x.e2e.test.ts',
      "import { x as y } from '../../../dashboard/src/x';\nexport const x = y;\n",
    ],
    ['apps/dashboard/src/x.test.ts', "import { x as y } from '../../kiosk/src/ui/x';\nexport const x = y;\n"],
  ])('refuses in %s: %s', (path, source) => {
    const result = lintAs(path, source);
    expect(result.ok, result.output).toBe(false);
    expect(result.output).toMatch(/noRestrictedImports|noNodejsModules/);
  });

  it.each([
    ['packages/protocol/src/x.ts', "import { Type } from 'typebox';\nexport const x = Type;\n"],
    ['apps/kiosk/src/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['apps/kiosk/src/hub/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['apps/kiosk/src/hub/x.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n"],
    ['apps/kiosk/src/ui/x.ts', "import { x as y } from './scanner/x';\nexport const x = y;\n"],
    ['sync-server/src/x.ts', "import Fastify from 'fastify';\nexport const x = Fastify;\n"],
    ['apps/dashboard/src/x.ts', "import { x as y } from '@vigevano/protocol';\nexport const x = y;\n"],
    [
      'apps/kiosk/src/preload/x.ts',
      "import { contextBridge, ipcRenderer } from 'electron';\nimport { SHELL_CHANNELS } from '@vigevano/protocol';\nexport const x = [contextBridge, ipcRenderer, SHELL_CHANNELS];\n",
    ],
    ['apps/kiosk/src/main/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    // The kiosk UI's tests and their helpers run in Node (Vitest, Playwright), benchmarks too.
    [
      'apps/kiosk/src/ui/x.e2e.test.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'apps/kiosk/src/ui/test-support/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    ['apps/kiosk/bench/x.ts', "import { x as y } from '../src/ui/scanner/x';\nexport const x = y;\n"],
    [
      'packages/protocol/src/x.test.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
  ])('allows in %s: %s', (path, source) => {
    const result = lintAs(path, source);
    expect(result.ok, result.output).toBe(true);
  });
});
