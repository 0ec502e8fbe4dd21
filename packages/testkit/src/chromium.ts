import { existsSync } from 'node:fs';

/** Debian's Chromium by default; Playwright's own browser download cannot work on these machines. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/** Flags that let headless Chromium start here: no sandbox as root, no GPU, no calls to Google's hosts. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
] as const;

export function chromiumLaunchOptions(extraArgs: readonly string[] = []) {
  return { executablePath: chromiumPath(), args: [...chromiumArgs, ...extraArgs] };
}
