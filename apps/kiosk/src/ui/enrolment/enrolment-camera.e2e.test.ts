import { deviceAdminRoutes, type NewEnrolmentCode } from '@vigevano/protocol';
import { demoAdminCookie } from '@vigevano/testkit/demo-admin';
import type { DemoServer } from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';
import { renderCardPhoto, SHARP_CONDITIONS } from '../scanner/testing/card-photo';
import { hubSynced } from '../scanner/testing/cdp-keyboard';
import { browserWithCameraShowing } from '../scanner/testing/fake-camera';
import { seededRandom } from '../scanner/testing/random';
import { screenPhoto } from '../scanner/testing/screen-photo';
import { expect, test } from '../test-support/kiosk-test';

// A brand-new kiosk enrolled by holding the dashboard's enrolment QR to its camera: the QR is the one the real
// server renders (the SVG the Dispositivi page shows) for a real code, played by Chromium's fake camera.
test.use({ kiosk: { hub: 'new' } });
const work = tempDir('vigevano-enrol-camera-');
test.afterAll(() => work.remove());

/** A fresh enrolment code for the demo's first hub, as the dashboard's "Registra un nuovo totem" creates it. */
async function dashboardEnrolmentCode(server: DemoServer): Promise<NewEnrolmentCode> {
  const cookie = await demoAdminCookie(server);
  const overview = await (await fetch(`${server.url}/api/city/overview`, { headers: { cookie } })).json();
  const res = await fetch(`${server.url}${deviceAdminRoutes.enrolmentCode.path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ hubId: overview.hubs[0].id, place: 'Ingresso' }),
  });
  if (!res.ok) throw new Error(`enrolment code: ${res.status} ${await res.text()}`);
  return (await res.json()) as NewEnrolmentCode;
}

test('a QR that is not an enrolment QR is refused in Italian and changes nothing', async ({ city }) => {
  const card = city.cards[0];
  if (!card) throw new Error('no demo card');
  const photo = renderCardPhoto(card.token, SHARP_CONDITIONS, seededRandom(5));
  const browser = await browserWithCameraShowing(photo, work.path, 'visitor-card');
  try {
    const page = await browser.newPage();
    await page.goto(city.hub.url);
    await expect(page.getByTestId('enrolment-qr-refused')).toHaveText(
      /non è un QR di registrazione del totem/,
      { timeout: 30_000 },
    );
    await expect(page.getByRole('button', { name: 'Conferma e registra' })).toHaveCount(0);
    const mode = await (await fetch(`${city.hub.url}/api/kiosk/state`)).status;
    expect(mode).not.toBe(200);
    await page.screenshot({ path: test.info().outputPath('enrolment-camera-refused.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});

test('the dashboard QR: refused for another typed server, then confirmed, enrols the kiosk, which syncs', async ({
  city,
}) => {
  const { server, hub } = city;
  const code = await dashboardEnrolmentCode(server);
  const browser = await browserWithCameraShowing(await screenPhoto(code.qrSvg), work.path, 'enrolment-qr');
  try {
    const page = await browser.newPage();
    await page.goto(hub.url);
    await page.getByLabel('Indirizzo del server').fill('https://altro-server.example');
    const refused = page.getByTestId('enrolment-qr-refused');
    await expect(refused).toContainText('altro server', { timeout: 30_000 });
    await expect(refused).toContainText(server.url);
    await expect(refused).toContainText('https://altro-server.example');
    await expect(page.getByRole('button', { name: 'Conferma e registra' })).toHaveCount(0);

    // Staff clear the address and have the QR read again: the kiosk names the server and waits for a confirmation.
    await page.getByLabel('Indirizzo del server').fill('');
    await page.getByRole('button', { name: 'Leggi di nuovo' }).click();
    await expect(page.getByTestId('enrolment-qr-server')).toHaveText(server.url, { timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath('enrolment-camera-confirm.png'), fullPage: true });
    expect((await fetch(`${hub.url}/api/kiosk/state`)).status).not.toBe(200);
    await page.getByRole('button', { name: 'Conferma e registra' }).click();
    await expect(page.getByRole('status')).toHaveText('Totem registrato. Avvio in corso…');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hub Cavallerizza', { timeout: 30_000 });
    await hubSynced(hub.url);
  } finally {
    await browser.close();
  }
});
