import type { Page } from '@playwright/test';
import type { LayoutKeystroke } from './keyboard-layouts';

/** CDP's modifier bit for Shift (Input.dispatchKeyEvent `modifiers`). */
const SHIFT = 8;

type KeyEventParams = {
  type: 'keyDown' | 'rawKeyDown' | 'keyUp';
  key: string;
  code: string;
  text?: string;
  unmodifiedText?: string;
  windowsVirtualKeyCode?: number;
  modifiers: number;
  /** when the key was pressed, in seconds since the epoch: becomes the DOM event's timeStamp */
  timestamp?: number;
};

/**
 * Presses `strokes` then Enter through Chromium's own input pipeline (CDP Input.dispatchKeyEvent), as a
 * keyboard-wedge scanner would on the layout the strokes were made for: Shift goes down before a shifted key and
 * up after it, each key has the `code`, `key` and `text` that layout gives, and the events are stamped
 * `gapMs` apart.
 *
 * Why stamped: on a machine shared by many test runs a CDP round trip can take 150 ms, which a scanner never
 * does; the operating system stamps a real scanner's key events when they arrive, and Chromium's DOM timeStamp
 * comes from CDP's `timestamp` the same way. The stamps start `leadMs` ahead of now, so that the wedge's idle
 * timer (which compares them with performance.now()) never sees a half-delivered burst as finished.
 */
export async function pressAsScanner(
  page: Page,
  strokes: readonly LayoutKeystroke[],
  { gapMs = 4, leadMs = 60_000 }: { gapMs?: number; leadMs?: number } = {},
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const sent: Promise<unknown>[] = [];
  const start = Date.now() + leadMs;
  let events = 0;
  const send = (params: KeyEventParams) => {
    // Each key down/up gets its own instant: a quarter of the gap apart (Shift down, key down, key up, Shift up).
    const timestamp = (start + (events++ * gapMs) / 4) / 1000;
    sent.push(cdp.send('Input.dispatchKeyEvent', { ...params, timestamp }));
  };
  const shift = { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 };
  for (const s of strokes) {
    const modifiers = s.shift ? SHIFT : 0;
    if (s.shift) send({ type: 'rawKeyDown', ...shift, modifiers });
    // A key with text is a keyDown (keydown + keypress + input); a dead key types nothing by itself.
    send({ type: s.text ? 'keyDown' : 'rawKeyDown', key: s.key, code: s.code, text: s.text, modifiers });
    send({ type: 'keyUp', key: s.key, code: s.code, modifiers });
    if (s.shift) send({ type: 'keyUp', ...shift, modifiers: 0 });
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, modifiers: 0 };
  send({ type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r' });
  send({ type: 'keyUp', ...enter });
  try {
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}

/** What the page saw of one keydown. */
export interface SeenKey {
  key: string;
  code: string;
  shiftKey: boolean;
  timeStamp: number;
}

/** What the page-side callbacks use of the page's window. */
interface PageGlobals {
  seenKeys: SeenKey[];
  addEventListener(type: 'keydown', listener: (event: SeenKey & { code: string }) => void): void;
  requestAnimationFrame(callback: () => void): number;
}

/** Starts recording every keydown the page receives (read with `seenKeys`). */
export async function recordKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    // Runs in the page; typed without the DOM library, which this Node program does not load.
    const page = globalThis as unknown as PageGlobals;
    const seen: SeenKey[] = [];
    page.seenKeys = seen;
    page.addEventListener('keydown', (e) =>
      seen.push({ key: e.key, code: e.code, shiftKey: e.shiftKey, timeStamp: e.timeStamp }),
    );
  });
}

/** The keydowns recorded since `recordKeys`, Shift itself left out. */
export async function seenKeys(page: Page): Promise<SeenKey[]> {
  const all = await page.evaluate(() => (globalThis as unknown as PageGlobals).seenKeys);
  return all.filter((k) => k.key !== 'Shift');
}

/**
 * Waits until React has run the effects of what is on screen (two animation frames, then a task): a screen is
 * visible as soon as React commits it, but its key listener is attached by an effect a moment later.
 */
export async function effectsSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const page = globalThis as unknown as PageGlobals;
        page.requestAnimationFrame(() => page.requestAnimationFrame(() => setTimeout(resolve, 0)));
      }),
  );
}

/**
 * Waits (up to 90 s) until the hub service at `hubUrl` has synced with the city server once: until then it may
 * not know the keys that signed the demo cards, and a scan would be refused for a reason no test here is about.
 */
export async function hubSynced(hubUrl: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const state = (await (await fetch(`${hubUrl}/api/kiosk/state`)).json()) as {
      sync: { lastSyncAt: number | null };
    };
    if (state.sync.lastSyncAt !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the hub service at ${hubUrl} did not sync within 90 s`);
}
