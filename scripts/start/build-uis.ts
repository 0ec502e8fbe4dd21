import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file under `dir` (skipping dependencies and build output). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the kiosk and dashboard UIs when their output is missing or older than their sources. */
export async function buildUisIfStale(root: string): Promise<void> {
  const apps = [
    { workspace: 'apps/dashboard', output: 'apps/dashboard/dist/index.html' },
    { workspace: 'apps/kiosk', output: 'apps/kiosk/dist/ui/index.html' },
  ];
  for (const app of apps) {
    const output = join(root, app.output);
    const sources = Math.max(
      newestMtime(join(root, app.workspace)),
      newestMtime(join(root, 'packages/protocol/src')),
    );
    if (existsSync(output) && statSync(output).mtimeMs >= sources) continue;
    console.log(`Building ${app.workspace}…`);
    const run = spawnSync('npm', ['run', '--silent', 'build', '-w', app.workspace], {
      cwd: root,
      stdio: 'inherit',
    });
    if (run.status !== 0) throw new Error(`building ${app.workspace} failed`);
  }
}
