import { expect, test } from '@playwright/test';
import {
  type DemoServer,
  type RunningProcess,
  startDemoServer,
  startHubService,
} from '@vigevano/testkit/processes';
import { tempDir } from '@vigevano/testkit/tmp';

// A brand-new kiosk enrolled at the kiosk itself with a code a coordinator created, against a real server.
let server: DemoServer;
let hub: RunningProcess;
const data = tempDir('vigevano-new-kiosk-');

test.beforeAll(async () => {
  server = await startDemoServer();
  hub = await startHubService(data.path, {}, '/health');
});
test.afterAll(async () => {
  await hub?.stop();
  await server?.dispose();
  data.remove();
});

async function enrolmentCode(): Promise<string> {
  const admin = server.logins().find((l) => l.role === 'admin');
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin?.email, password: admin?.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
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
}) => {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Registrazione del totem' })).toBeVisible();
  await page.getByLabel('Indirizzo del server').fill(server.url);
  await page.getByLabel('Codice di registrazione').fill('AAAA-BBBB-CCCC');
  await page.getByRole('button', { name: 'Registra il totem' }).click();
  await expect(page.getByRole('alert')).toContainText('chiedi al coordinamento un codice nuovo');
  await page.screenshot({ path: test.info().outputPath('enrolment.png'), fullPage: true });

  await page.getByLabel('Codice di registrazione').fill((await enrolmentCode()).toLowerCase());
  await page.getByRole('button', { name: 'Registra il totem' }).click();
  await expect(page.getByRole('status')).toHaveText('Totem registrato. Avvio in corso…');
  await expect(page.getByText('Mostra la tua tessera per entrare').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hub Cavallerizza');
});
