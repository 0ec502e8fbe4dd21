import { demoAdminCookie } from '@vigevano/testkit/demo-admin';
import type { DemoServer } from '@vigevano/testkit/processes';
import { expect, test } from './test-support/kiosk-test';

// A brand-new kiosk enrolled at the kiosk itself with a code a coordinator created, against a real server.
test.use({ kiosk: { hub: 'new' } });

async function enrolmentCode(server: DemoServer): Promise<string> {
  const cookie = await demoAdminCookie(server);
  const overview = await (await fetch(`${server.url}/api/city/overview`, { headers: { cookie } })).json();
  const hubId = overview.hubs[0].id;
  const res = await fetch(`${server.url}/api/hubs/${hubId}/enrolment-codes`, {
    method: 'POST',
    headers: { cookie },
  });
  return (await res.json()).code;
}

test('a wrong code is refused with what to do; the right one enrols the kiosk, which then starts', async ({
  page,
  city,
}) => {
  const { server, hub } = city;
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Registrazione del totem' })).toBeVisible();
  // This browser has no camera: the enrolment screen says so where the camera would be (until the keyboard takes
  // that place), and the typed code still works.
  await expect(page.getByText('La fotocamera non si è avviata: scrivi indirizzo e codice')).toBeVisible();
  await page.getByLabel('Indirizzo del server').fill(server.url);
  await page.getByLabel('Codice di registrazione').fill('AAAA-BBBB-CCCC');
  await page.getByRole('button', { name: 'Registra il totem' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'codice non valido' })).toContainText(
    'chiedi al coordinamento un codice nuovo',
  );
  await page.screenshot({ path: test.info().outputPath('enrolment.png'), fullPage: true });

  await page.getByLabel('Codice di registrazione').fill((await enrolmentCode(server)).toLowerCase());
  await page.getByRole('button', { name: 'Registra il totem' }).click();
  await expect(page.getByRole('status')).toHaveText('Totem registrato. Avvio in corso…');
  await expect(page.getByText('Mostra la tua tessera per entrare').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hub Cavallerizza');
});
