import { expect, type Page, test } from '@playwright/test';
import { CONSENT_TEXT_VERSION } from '@vigevano/protocol';
import { axeViolations } from '@vigevano/testkit/axe';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';

// Importing people from a CSV file, as a coordinator of personal data does it: a file with a wrong date is
// refused row by row in Italian and nothing is written; the corrected file is previewed, confirmed, and the people
// appear in the list. Checked with axe-core; screenshots at 1280×800 and on a 390 px phone kept as artifacts.

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function signInAsAdmin(page: Page) {
  const login = server.logins().find((l) => l.role === 'admin');
  if (!login) throw new Error('no demo admin');
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
}

const csv = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  // as Excel's "CSV UTF-8" saves it: a BOM, ; between cells, CRLF
  buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`a file with an error is refused row by row, the corrected one imported (${viewport.width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signInAsAdmin(page);
    const overview = await (await page.request.get(`${server.url}/api/city/overview`)).json();
    const hub = (overview.hubs as Array<{ name: string }>)[0]?.name as string;
    const surname = `Importati${viewport.width}`;
    const header = 'hub;nome;cognome;data di nascita;genere;consenso;versione informativa';
    const good = `${hub};Ornella;${surname};14/07/1988;donna;sì;${CONSENT_TEXT_VERSION}`;

    await page.goto(`${server.url}/persone`);
    await page.getByRole('button', { name: 'Importa da CSV' }).click();
    const panel = page.getByRole('region', { name: 'Importa persone da un file CSV' });
    await expect(panel.getByRole('link', { name: 'Scarica il modello CSV' })).toBeVisible();
    // the same file twice: first with Renato's impossible birth date, then corrected
    const chooseFile = (renatoBorn: string) =>
      panel
        .getByLabel('File CSV')
        .setInputFiles(
          csv('iscritti.csv', [
            header,
            good,
            `${hub};Renato;${surname};${renatoBorn};uomo;sì;${CONSENT_TEXT_VERSION}`,
          ]),
        );

    await chooseFile('31/02/1990');
    const errors = panel.getByRole('region', { name: /errore/ });
    await expect(errors).toContainText('Nessuna persona è stata importata');
    await expect(errors.getByRole('listitem')).toHaveText([
      'riga 3, colonna data di nascita: 31/02/1990 non è una data (scrivi gg/mm/aaaa, oppure solo l’anno)',
    ]);
    await expect(panel.getByRole('button', { name: /^Importa \d/ })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({
      path: test.info().outputPath(`import-errors-${viewport.width}.png`),
      fullPage: true,
    });

    await chooseFile('28/02/1990');
    await expect(panel.getByRole('status')).toHaveText('«iscritti.csv» è corretto: 2 persone da importare.');
    await expect(panel.getByRole('table', { name: /Anteprima/ })).toContainText(`Renato ${surname}`);
    await panel.getByText('Le colonne del file').click();
    await expect(panel.getByRole('table', { name: 'Colonne del file di importazione' })).toContainText(
      `la versione dell’informativa letta: ${CONSENT_TEXT_VERSION}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({
      path: test.info().outputPath(`import-preview-${viewport.width}.png`),
      fullPage: true,
    });

    await panel.getByRole('button', { name: 'Importa 2 persone' }).click();
    await expect(page.getByText('Importate 2 persone.')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Cerca' }).fill(surname);
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    const list = page.getByRole('table', { name: new RegExp(surname) });
    await expect(list.getByRole('rowheader')).toHaveText([`Ornella ${surname}`, `Renato ${surname}`]);
    await page.screenshot({
      path: test.info().outputPath(`import-done-${viewport.width}.png`),
      fullPage: true,
    });
  });
}
