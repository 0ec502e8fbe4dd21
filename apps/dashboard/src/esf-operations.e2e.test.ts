import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '@vigevano/testkit/processes';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';

// The FSE+ operations page in Chromium over the demo city, with one funded operation written into its SQLite file
// (the operations pages are another helper's): the CSV, the Excel workbook and the operation's register PDF are
// downloaded from the page and read back.

const CODE = 'FSE-E2E-2026-001';
const OPERATION_ID = '01JDE2E0PRG000000000000001';
let server: DemoServer;

test.beforeAll(async () => {
  server = await startDemoServer();
  const db = new Database(join(server.dataDir, 'city.sqlite'));
  try {
    const year = new Date().getFullYear();
    // the demo session of this year with the longest roster becomes a session of the operation
    const session = db
      .prepare(
        `SELECT d.id, d.hub_id FROM documents d WHERE d.collection = 'sessions' AND d.at >= ?
         ORDER BY (SELECT COUNT(*) FROM report_enrolments e WHERE e.session_id = d.id) DESC, d.id LIMIT 1`,
      )
      .get(Date.UTC(year, 0, 1)) as { id: string; hub_id: string };
    db.prepare(
      "UPDATE documents SET body = json_set(body, '$.operationId', ?) WHERE collection = 'sessions' AND id = ?",
    ).run(OPERATION_ID, session.id);
    const people = db.prepare('SELECT visitor_id FROM people ORDER BY visitor_id LIMIT 2').all() as Array<{
      visitor_id: string;
    }>;
    expect(people).toHaveLength(2);
    const now = Date.now();
    db.prepare(
      `INSERT INTO operations (id, code, name, starts_on, ends_on, target_group, planned_minutes, created_at, updated_at)
       VALUES (?, ?, 'Competenze digitali', ?, ?, 'everyone', 6000, ?, ?)`,
    ).run(OPERATION_ID, CODE, `${year}-01-01`, `${year}-12-31`, now, now);
    db.prepare('INSERT INTO operation_hubs (operation_id, hub_id) VALUES (?, ?)').run(
      OPERATION_ID,
      session.hub_id,
    );
    // one woman of 26 at entry with everything recorded, one person with nothing recorded
    const snapshots = [
      {
        birthYear: year - 26,
        gender: 'female',
        employment: 'unemployed',
        education: 'isced_3_4',
        disadvantaged: [],
      },
      { birthYear: null, gender: null, employment: null, education: null, disadvantaged: null },
    ];
    const insert = db.prepare(
      `INSERT INTO participants (id, operation_id, visitor_id, entry_date, entry_snapshot, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [i, p] of people.entries())
      insert.run(
        `01JDE2E0PAR00000000000000${i}`,
        OPERATION_ID,
        p.visitor_id,
        `${year}-01-15`,
        JSON.stringify(snapshots[i]),
        now,
        now,
      );
  } finally {
    db.close();
  }
});
test.afterAll(async () => {
  await server?.dispose();
});

async function signIn(page: Page) {
  const login = server.logins().find((l) => l.role === 'admin');
  if (!login) throw new Error('no demo admin');
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
}

test('downloads the ESF+ CSV and workbook and the register PDF of an operation from the page', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'FSE+ operazioni' }).click();
  await expect(page.getByRole('heading', { name: 'FSE+ per operazione' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Operazione' }).selectOption(CODE);
  await expect(page.getByTestId('esf-op-participants')).toHaveText('2');

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Scarica CSV' }).click();
  const csv = await (await csvDownload).createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  // EECO01: 2 participants, 1 woman, 1 not recorded; EECO07 (18-29): 1 of 2 = 50 %
  expect(csv).toContain('"EECO01";"numero complessivo dei partecipanti";2;1;0;0;1;"100"');
  expect(csv).toContain('"EECO07";"giovani di età compresa tra i 18 e i 29 anni";1;1;0;0;0;"50"');

  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Scarica Excel' }).click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await (await xlsxDownload).path()) as string);
  expect(book.worksheets.map((s) => s.name)).toContain('Dati mancanti');

  await page.getByRole('button', { name: 'Mostra chi e quali dati' }).click();
  await expect(page.getByRole('table', { name: 'Partecipanti con dati mancanti' })).toContainText(
    'anno di nascita',
  );

  const href = await page.getByRole('link', { name: 'Registro presenze (PDF)' }).getAttribute('href');
  const pdf = await page.request.get(`${server.url}${href}`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const text = (
    await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), { mergePages: true })
  ).text;
  expect(text).toContain(`Operazione: ${CODE} – Competenze digitali`);
  expect(text).toMatch(/Totale: \d+ presenti su \d+ iscritti, ore \d+,\d\d/);
  await page.screenshot({ path: test.info().outputPath('esf-operations.png'), fullPage: true });
});
