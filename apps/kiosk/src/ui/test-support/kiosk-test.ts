import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { DemoServer, RunningProcess } from '@vigevano/testkit/processes';
import { demoCards, startDemoServer, startHubService } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { hubSynced } from '../scanner/testing/cdp-keyboard';

export { expect } from '@playwright/test';

/** A demo card as the server prints it: the signed token, the card id under the QR, the alias on the card. */
export interface DemoCard {
  token: string;
  cardId: string;
  alias: string;
}

/** What a test file's kiosk needs; each file sets it with `test.use({ kiosk: { … } })`. */
export interface KioskOptions {
  /**
   * 'enrolled' (default): the hub service of the demo city's first kiosk. 'new': a hub service on an empty
   * folder, showing the enrolment screen.
   */
  hub?: 'enrolled' | 'new';
  /** the demo hub whose kiosk to run (its name, e.g. 'Hub Cavallerizza'); the demo's first kiosk when unset */
  hubName?: string;
  /** wait until the hub has synced once: before that it may not know the keys that signed the demo cards */
  synced?: boolean;
}

/** A real demo city for one test file: the sync server, one kiosk's hub service, and the demo's visitor cards. */
export interface KioskCity {
  server: DemoServer;
  hub: RunningProcess;
  /** the demo's visitor cards (facilitators' left out), in the server's order */
  cards: DemoCard[];
  /** the enrolled hub's id and name, as its /api/kiosk/state says (empty for a kiosk still to enrol) */
  hubId: string;
  hubName: string;
}

/**
 * Playwright's test with a demo city per test file: the sync server on a fresh SQLite file with the demo data, and
 * a hub service in browser mode. A worker-scoped fixture (started once, shared by the file's tests, as a
 * `beforeAll` would), and per file, not per run: Playwright gives each file that sets a worker option with
 * `test.use` a worker of its own, so `city` throws unless the file did (tests in one file may stop the server
 * or use up cards; another file must never see that).
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` is how Playwright spells "no test-scoped fixtures".
export const test = base.extend<{}, { kiosk: KioskOptions | undefined; city: KioskCity }>({
  kiosk: [undefined, { scope: 'worker', option: true }],
  city: [
    async ({ kiosk }, use) => {
      if (!kiosk)
        throw new Error(
          "set the file's kiosk with test.use({ kiosk: {} }): the city is per file, never shared",
        );
      const server = await startDemoServer();
      const fresh = kiosk.hub === 'new' ? tempDir('vigevano-new-kiosk-') : undefined;
      let hub: RunningProcess | undefined;
      try {
        hub = fresh
          ? await startHubService(fresh.path, {}, '/health')
          : await startHubService(kioskDirOf(server, kiosk.hubName));
        if (kiosk.synced) await hubSynced(hub.url);
        const state = fresh
          ? undefined
          : ((await (await fetch(`${hub.url}/api/kiosk/state`)).json()) as {
              hub: { id: string; name: string };
            });
        const cards = (await demoCards(server.url)).filter((c) => !c.alias.includes('facilitatore'));
        await use({ server, hub, cards, hubId: state?.hub.id ?? '', hubName: state?.hub.name ?? '' });
      } finally {
        await hub?.stop();
        await server.dispose();
        fresh?.remove();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

/** The folder of the demo kiosk at the hub named `hubName`, or the demo's first kiosk; throws when none is there. */
function kioskDirOf(server: DemoServer, hubName: string | undefined): string {
  const dirs = server.kioskDirs();
  const dir = hubName
    ? dirs.find((d) => JSON.parse(readFileSync(join(d, 'identity.json'), 'utf8')).hubName === hubName)
    : dirs[0];
  if (!dir) throw new Error(`no demo kiosk ${hubName ? `at ${hubName}` : 'at all'}`);
  return dir;
}

/**
 * A keyboard-wedge USB scanner: the whole text as key events a fraction of a millisecond apart, then Enter.
 * Dispatched inside the page so the machine's load cannot stretch the gaps the way CDP round trips would.
 */
export async function scannerBurst(page: Page, text: string): Promise<void> {
  await page.evaluate(
    (keys) => {
      for (const key of [...keys, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    },
    [...text],
  );
}

/** The answer screen (the answer to a scan fills the screen): the main landmark that carries the answer's code. */
export function answerScreen(page: Page) {
  return page.locator('main[data-code]');
}
