import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary if this machine can show a window and has (or can fetch) Electron, or why not.
 * npm does not run electron's download script (package.json allowScripts), because it cannot reach its host
 * on build machines; here, on a desktop, we run it once ourselves and fall back to browser mode if it fails.
 */
export async function electronBinary(root: string): Promise<{ path?: string; reason?: string }> {
  if (process.env.KIOSK_BROWSER_MODE === '1') return { reason: 'KIOSK_BROWSER_MODE=1' };
  if (process.env.ELECTRON_PATH) {
    return existsSync(process.env.ELECTRON_PATH)
      ? { path: process.env.ELECTRON_PATH }
      : { reason: `ELECTRON_PATH=${process.env.ELECTRON_PATH} does not exist` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no graphical display (DISPLAY is not set)' };
  }
  const pkg = join(root, 'node_modules/electron');
  if (!existsSync(pkg)) return { reason: 'the electron package is not installed' };
  const installed = () => {
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  };
  if (!installed()) {
    console.log('Downloading Electron (first time only)…');
    const run = spawnSync(process.execPath, [join(pkg, 'install.js')], {
      stdio: 'inherit',
      timeout: 180_000,
    });
    if (run.status !== 0) return { reason: 'downloading Electron failed' };
  }
  const binary = installed();
  if (!binary) return { reason: 'Electron binary missing' };
  if (!existsSync(join(root, 'apps/kiosk/dist/main/main.cjs'))) return { reason: 'main process not built' };
  return { path: binary };
}
