import type { Locator, Page } from '@playwright/test';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { KIOSK_API_PATH, KIOSK_SECRET_META, type KioskRouter } from '@vigevano/protocol';
import { axeViolations } from '@vigevano/testkit/axe';
import { demoFacilitator, demoFacilitatorPin } from '@vigevano/testkit/processes';
import WebSocket from 'ws';
import {
  answerScreen,
  type DemoCard,
  expect,
  type KioskCity,
  scannerBurst,
  test,
} from './test-support/kiosk-test';

// The facilitator's roster on a touch kiosk (issue 18, items 4 and 5), in Chromium, at a kiosk synced from a real
// demo city: one person excused with a reason typed on the on-screen keyboard, two marked at once, a check-in
// annulled, late arrivals shown; then what the hub stored, read back through its own API.
// The accessible names used here are the roster's contract: the issue-18 story test drives the same screen.
test.use({ kiosk: {}, hasTouch: true });

const ROME = 'Europe/Rome';
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

const hubPin = (city: KioskCity) => demoFacilitatorPin(city.server.dataDir, city.hubId);
const roster = (page: Page) => page.getByRole('table', { name: /^Presenti:/ });
/** A roster row: the <tr> whose row header is the person's alias. */
const rowOf = (page: Page, alias: string) =>
  roster(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: alias }) });
/** The keyboard docked at the bottom of the facilitator screen. */
const dockedKeyboard = (page: Page) => page.getByRole('group', { name: 'Tastiera', exact: true });

/** Taps `text` (lower case letters and spaces) on the docked keyboard. */
async function tapText(keyboard: Locator, text: string) {
  for (const char of text)
    await keyboard.getByRole('button', char === ' ' ? { name: 'Spazio' } : { name: char, exact: true }).tap();
}

async function openFacilitatorMode(page: Page, city: KioskCity) {
  await page.getByRole('button', { name: 'Personale' }).click();
  await page.getByLabel("PIN dell'hub").fill(hubPin(city));
  await page.getByRole('button', { name: 'Entra' }).click();
}

/** HH:MM at the hub, `ms` epoch. */
const hubTime = (ms: number) =>
  new Intl.DateTimeFormat('it-IT', {
    timeZone: ROME,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);

/** The kiosk API as the UI uses it, opened with the page's per-launch secret, and a facilitator token of its own. */
async function hubApi(page: Page, city: KioskCity) {
  const secret = await page.locator(`meta[name="${KIOSK_SECRET_META}"]`).getAttribute('content');
  const ws = createWSClient({
    url: city.hub.url.replace('http', 'ws') + KIOSK_API_PATH,
    connectionParams: { secret: secret ?? undefined },
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const api = createTRPCClient<KioskRouter>({ links: [wsLink({ client: ws })] });
  const login = await api.loginPin.mutate({ pin: hubPin(city) });
  if (!login.ok) throw new Error('the PIN did not open facilitator mode through the API');
  return { api, token: login.token, close: () => ws.close() };
}

test('a facilitator excuses one with a reason, marks two at once, annuls a check-in; late arrivals shown', async ({
  page,
  city,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize(SIZES[2]);
  await page.goto(city.hub.url);
  await openFacilitatorMode(page, city);
  // A session that began half an hour ago: whoever checks in now arrives late.
  await page.getByText('Nuova attività').click();
  await page.getByLabel('Titolo').fill('Corso di cucito');
  await page.getByLabel('Inizio').fill(hubTime(Date.now() - 30 * 60_000));
  await page.getByLabel('Durata (minuti)').fill('120');
  await page.getByRole('button', { name: "Crea l'attività" }).click();
  await page.getByRole('button', { name: 'Apri e registra le presenze qui' }).click();
  await page.getByRole('button', { name: 'Esci dalla modalità facilitatore' }).click();

  // Three visitors check in to it at the kiosk.
  const [anna, bruno, carla] = city.cards.slice(0, 3) as [DemoCard, DemoCard, DemoCard];
  for (const card of [anna, bruno, carla]) {
    await scannerBurst(page, card.token);
    await expect(answerScreen(page)).toHaveAttribute('data-code', 'accepted');
    await answerScreen(page).click();
    await expect(answerScreen(page)).toHaveCount(0);
  }
  await openFacilitatorMode(page, city);
  await page
    .getByRole('list', { name: 'Attività di oggi' })
    .getByRole('button', { name: /Corso di cucito/ })
    .click();
  for (const card of [anna, bruno, carla])
    await expect(rowOf(page, card.alias)).toContainText(/entrata \d\d:\d\d \(in ritardo di \d+ min\)/);
  await expect(roster(page)).toHaveAccessibleName(/^Presenti: 3 su 3/);

  // Bruno's check-in was a mistake: annulled with a reason; it no longer counts.
  await rowOf(page, bruno.alias).getByRole('button', { name: 'Annulla ingresso' }).click();
  await page.getByLabel('Motivo').fill('tessera del fratello');
  await page.getByRole('button', { name: 'Conferma annullamento' }).click();
  await expect(rowOf(page, bruno.alias).locator('del')).toHaveText(/^entrata \d\d:\d\d$/);
  await expect(rowOf(page, bruno.alias)).toContainText('tessera del fratello');
  await expect(rowOf(page, bruno.alias).getByRole('button', { name: 'Annulla ingresso' })).toHaveCount(0);
  await expect(roster(page)).toHaveAccessibleName(/^Presenti: 2 su 3/);

  // "Seleziona tutti" selects every row and clears them again; then Bruno and Carla are marked absent at once.
  await page.getByRole('checkbox', { name: 'Seleziona tutti' }).check();
  await expect(roster(page).getByRole('checkbox', { checked: true })).toHaveCount(4);
  await page.getByRole('checkbox', { name: 'Seleziona tutti' }).uncheck();
  await expect(roster(page).getByRole('checkbox', { checked: true })).toHaveCount(0);
  await page.getByRole('checkbox', { name: `Seleziona ${bruno.alias}` }).check();
  await page.getByRole('checkbox', { name: `Seleziona ${carla.alias}` }).check();
  await page.getByRole('button', { name: 'Segna assenti i selezionati' }).click();
  await expect(rowOf(page, bruno.alias).getByRole('cell').nth(1)).toHaveText('assente');
  await expect(rowOf(page, carla.alias).getByRole('cell').nth(1)).toHaveText('assente');

  // Carla was excused: the reason typed by taps on the on-screen keyboard.
  await rowOf(page, carla.alias).getByRole('button', { name: 'Giustificato' }).click();
  await page.getByLabel('Motivo').tap();
  await tapText(dockedKeyboard(page), 'visita medica');
  await expect(page.getByLabel('Motivo')).toHaveValue('visita medica');
  await page.getByRole('button', { name: 'Conferma', exact: true }).tap();
  await expect(rowOf(page, carla.alias).getByRole('cell').nth(1)).toHaveText(
    'giustificatoMotivo: visita medica',
  );
  await expect(rowOf(page, carla.alias).getByRole('button', { name: 'Giustificato' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(rowOf(page, anna.alias).getByRole('cell').nth(1)).toHaveText('presente');
  await expect(rowOf(page, anna.alias)).toContainText(/presenza: (\d+ h )?\d+ min/);
  await expect(roster(page)).toHaveAccessibleName(/^Presenti: 1 su 3/);
  expect(await axeViolations(page)).toEqual([]);

  // What the hub stored.
  const hub = await hubApi(page, city);
  try {
    const [session] = (await hub.api.sessionsToday.query({ token: hub.token })).filter(
      (s) => s.title === 'Corso di cucito',
    );
    const stored = await hub.api.roster.query({ token: hub.token, sessionId: session?.id as string });
    const { name } = demoFacilitator(city.server.dataDir, city.hubId);
    expect(
      stored.map((e) => ({
        alias: e.alias,
        attendance: e.attendance,
        excuseReason: e.excuseReason,
        annulled: e.events.flatMap((ev) => (ev.annulled ? [ev.annulled.reason, ev.annulled.by] : [])),
        late: e.attended.late,
      })),
    ).toEqual(
      [
        { alias: anna.alias, attendance: 'present', excuseReason: undefined, annulled: [], late: true },
        {
          alias: bruno.alias,
          attendance: 'absent',
          excuseReason: undefined,
          annulled: ['tessera del fratello', name],
          late: false,
        },
        {
          alias: carla.alias,
          attendance: 'excused',
          excuseReason: 'visita medica',
          annulled: [],
          late: false,
        },
      ].sort((a, b) => a.alias.localeCompare(b.alias, 'it')),
    );
  } finally {
    hub.close();
  }

  // The roster with an excused, an annulled and a late row, at each kiosk size.
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await roster(page).scrollIntoViewIfNeeded();
    await page.screenshot({
      path: test.info().outputPath(`roster-${size.width}x${size.height}.png`),
      fullPage: true,
    });
  }
});
