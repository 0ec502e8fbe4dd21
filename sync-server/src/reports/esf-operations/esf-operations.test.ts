import type { PersonInput } from '@vigevano/protocol';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { savePerson } from '../../dashboard/people/store';
import { testStoreKinds } from '../../store/test-stores';
import { serverForSuite } from '../../testing/suite';
import { call } from '../../testing/test-server';
import { cardId, loadEsfCity, OP1, OP2, SESSION_1, signInEveryRole, visitorId } from './esf-fixed-city';

// The period of the oracle: the first three quarters of 2026.
const PERIOD = 'from=2026-01-01&to=2026-09-30';
const counts = (total: number, female: number, male: number, nonBinary: number, notRecorded: number) => ({
  total,
  female,
  male,
  nonBinary,
  notRecorded,
});

/*
 * Worked out by hand from esf-fixed-city.ts, period 2026-01-01 – 2026-09-30, every operation:
 * Entered in the period: P1 (OP1, F, 2026−2000 = 26, long-term unemployed, ISCED 3-4, third-country national),
 * P2 (OP1, M, 56, unemployed, ISCED 0-2, no group), P3 (OP1, NB, 2026−2009 = 17, in education, ISCED 0-2, groups
 * not recorded), P5 (OP2: the same person as P1, F, 26, unemployed, ISCED 3-4, third-country), P6 (OP2, nothing
 * recorded), P7 (OP2, M, 66, inactive, ISCED 5-8, disability and rural). Not entered in it: P4 (2025), P8
 * (October), P9 (2025). So EECO01 = 6: F 2 (P1, P5), M 2 (P2, P7), NB 1 (P3), not recorded 1 (P6).
 * EECO02 unemployed incl. long-term: P1, P2, P5 = 3 (F 2, M 1); EECO03: P1 (F); EECO04 inactive incl. in
 * education: P3, P7 (NB 1, M 1); EECO05: none; EECO06 <18: P3; EECO07 18-29: P1, P5 (F 2); EECO08 55+: P2, P7
 * (M 2); EECO09 ISCED 0-2: P2, P3; EECO10: P1, P5; EECO11: P7; EECO12 disability: P7; EECO13: P1, P5; EECO14-16:
 * none; EECO17 rural: P7. Not recorded: age, employment, education: P6; groups: P3, P6.
 * Left in the period: P1 (May), P4 (January, F), P7 (June) = 3 leavers; P9 left in 2025.
 * EECR01 job searching: P1 (P7 unknown) = F 1; EECR02: none; EECR03 qualification: P1, P4 = F 2; EECR04
 * employed: P4 = F 1; EECR05 and EECR06 (six months): P4 = F 1 each.
 * Missing: P3 (groups), P6 (all five), P7 (a result at exit unknown) = 3. P4's six-month results fell due on
 * 2026-07-20 and are there; P1's and P7's fall due after the period.
 * Guests at the operations' sessions in the period: 18-29 at OP1 (1) and at OP2 (1) = 2; 55+ at OP2 = 1; the ones
 * at a session of no operation and with no session do not count.
 */
const EXPECTED_OUTPUTS: Array<[string | null, ReturnType<typeof counts>]> = [
  ['EECO01', counts(6, 2, 2, 1, 1)],
  ['EECO02', counts(3, 2, 1, 0, 0)],
  ['EECO03', counts(1, 1, 0, 0, 0)],
  ['EECO04', counts(2, 0, 1, 1, 0)],
  ['EECO05', counts(0, 0, 0, 0, 0)],
  ['EECO06', counts(1, 0, 0, 1, 0)],
  ['EECO07', counts(2, 2, 0, 0, 0)],
  ['EECO08', counts(2, 0, 2, 0, 0)],
  ['EECO09', counts(2, 0, 1, 1, 0)],
  ['EECO10', counts(2, 2, 0, 0, 0)],
  ['EECO11', counts(1, 0, 1, 0, 0)],
  ['EECO12', counts(1, 0, 1, 0, 0)],
  ['EECO13', counts(2, 2, 0, 0, 0)],
  ['EECO14', counts(0, 0, 0, 0, 0)],
  ['EECO15', counts(0, 0, 0, 0, 0)],
  ['EECO16', counts(0, 0, 0, 0, 0)],
  ['EECO17', counts(1, 0, 1, 0, 0)],
  [null, counts(1, 0, 0, 0, 1)], // age not recorded
  [null, counts(1, 0, 0, 0, 1)], // employment not recorded
  [null, counts(1, 0, 0, 0, 1)], // education not recorded
  [null, counts(2, 0, 0, 1, 1)], // groups not recorded
];
const EXPECTED_RESULTS: Array<[string, ReturnType<typeof counts>]> = [
  ['EECR01', counts(1, 1, 0, 0, 0)],
  ['EECR02', counts(0, 0, 0, 0, 0)],
  ['EECR03', counts(2, 2, 0, 0, 0)],
  ['EECR04', counts(1, 1, 0, 0, 0)],
  ['EECR05', counts(1, 1, 0, 0, 0)],
  ['EECR06', counts(1, 1, 0, 0, 0)],
];

const strip = (rows: Array<{ code: string | null } & ReturnType<typeof counts>>) =>
  rows.map((r) => [r.code, counts(r.total, r.female, r.male, r.nonBinary, r.notRecorded)]);

describe.each(testStoreKinds())('ESF+ report per operation and registers on %s', (kind) => {
  const t = serverForSuite(kind);
  let users: Awaited<ReturnType<typeof signInEveryRole>>;
  beforeAll(async () => {
    await loadEsfCity(t.server.store.db);
    users = await signInEveryRole(t);
  });
  const get = (path: string, role: keyof typeof users = 'coordinator') =>
    call(`${t.url}${path}`, { cookie: users[role] });

  it('counts every operation of the period exactly as worked out by hand', async () => {
    const res = await get(`/api/dashboard/esf-operations?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.participants).toBe(6);
    expect(strip(res.body.outputs)).toEqual(EXPECTED_OUTPUTS);
    expect(res.body.leavers).toBe(3);
    expect(strip(res.body.results)).toEqual(EXPECTED_RESULTS);
    expect(
      res.body.guests.map((g: { ageBand: string; checkins: number }) => [g.ageBand, g.checkins]),
    ).toEqual([
      ['under_18', 0],
      ['18_29', 2],
      ['30_54', 0],
      ['55_plus', 1],
    ]);
    expect(res.body.missing).toBe(3);
    expect(res.body.operations.map((o: { code: string }) => o.code)).toEqual([OP1.code, OP2.code]);
  });

  it('narrows to one operation by its code: P1, P2, P3 entered, P1 and P4 left', async () => {
    const res = await get(`/api/dashboard/esf-operations?operation=${OP1.code}&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.participants).toBe(3);
    expect(res.body.leavers).toBe(2);
    const total = res.body.outputs.find((r: { code: string }) => r.code === 'EECO01');
    expect(total).toMatchObject(counts(3, 1, 1, 1, 0));
    // guests: the 18-29 one at OP1's session
    expect(res.body.guests.map((g: { checkins: number }) => g.checkins)).toEqual([0, 1, 0, 0]);
  });

  it('does not change when a person is edited after the period: it counts the snapshot at entry', async () => {
    const before = await get(`/api/dashboard/esf-operations?${PERIOD}`);
    await savePerson(
      t.server.store.db,
      visitorId(1),
      'x',
      {
        firstName: 'Niccolò',
        lastName: 'Fabbrì',
        consent: true,
        birthYear: 1950,
        gender: 'male',
        employment: 'employed',
        education: 'isced_5_8',
        disadvantaged: ['minority'],
      } as PersonInput,
      'test',
      Date.parse('2026-11-02T10:00:00Z'),
    );
    const after = await get(`/api/dashboard/esf-operations?${PERIOD}`);
    expect(after.body).toEqual(before.body);
  });

  it('lists whose data is missing and which, for the roles that may see names', async () => {
    const res = await get(`/api/dashboard/esf-operations/missing?${PERIOD}`, 'admin');
    expect(res.status).toBe(200);
    expect(
      res.body.map((r: { operationCode: string; name: string; fields: string[] }) => [
        r.operationCode,
        r.name,
        r.fields,
      ]),
    ).toEqual([
      [OP1.code, 'Sara Colombo', ['gruppi svantaggiati']],
      [
        OP2.code,
        visitorId(5),
        [
          'anno di nascita',
          'genere',
          'condizione occupazionale',
          'livello di istruzione',
          'gruppi svantaggiati',
        ],
      ],
      [OP2.code, 'Mario Gallo', ["esiti all'uscita (EECR01-04)"]],
    ]);
    expect((await get(`/api/dashboard/esf-operations/missing?${PERIOD}`, 'coordinator')).status).toBe(403);
  });

  it('writes the CSV with codes, Italian labels and decimal commas', async () => {
    const res = await get(`/api/dashboard/esf-operations.csv?${PERIOD}`);
    expect(res.status).toBe(200);
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"dal";"al";"operazione";"sezione";"codice";"indicatore";"totale";"donne";"uomini";"non binari";"genere non rilevato";"% sul totale"',
    );
    // EECO02: 3 of 6 = 50 %; EECO03: 1 of 6 = 16,7 %; EECR03: 2 of 3 leavers = 66,7 %
    expect(lines).toContain(
      '"2026-01-01";"2026-09-30";"tutte le operazioni";"indicatori di output";"EECO02";"disoccupati, compresi i disoccupati di lungo periodo";3;2;1;0;0;"50"',
    );
    expect(lines.find((l) => l.includes('"EECO03"'))?.endsWith(';1;1;0;0;0;"16,7"')).toBe(true);
    expect(lines.find((l) => l.includes('"EECR03"'))?.endsWith(';2;2;0;0;0;"66,7"')).toBe(true);
    expect(lines.find((l) => l.includes('ospiti senza tessera, 18-29 anni'))).toContain(';2;');
    expect(res.body).not.toMatch(/long_term_unemployed|third_country|\d\.\d/);
  });

  it('writes the XLSX workbook, with the missing data for the admin only', async () => {
    const fetchBook = async (role: keyof typeof users) => {
      const res = await fetch(`${t.url}/api/dashboard/esf-operations.xlsx?operation=${OP2.code}&${PERIOD}`, {
        headers: { cookie: users[role] },
      });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      return book;
    };
    const book = await fetchBook('admin');
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Indicatori di output',
      'Indicatori di risultato',
      'Ospiti',
      'Dati mancanti',
    ]);
    const outputs = book.getWorksheet('Indicatori di output');
    const eeco11 = outputs?.getRows(1, outputs.rowCount)?.find((r) => r.getCell(1).value === 'EECO01');
    // OP2 in the period: P5 (F), P6 (not recorded), P7 (M)
    expect(eeco11?.values).toEqual([
      undefined,
      'EECO01',
      'numero complessivo dei partecipanti',
      3,
      1,
      1,
      0,
      1,
      1,
    ]);
    expect((await fetchBook('viewer')).worksheets.map((s) => s.name)).not.toContain('Dati mancanti');
  });

  it('refuses an end before the start and an unknown operation code, saying which', async () => {
    const backwards = await get('/api/dashboard/esf-operations?from=2026-06-01&to=2026-05-31');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe(
      "la fine del periodo (2026-05-31) precede l'inizio (2026-06-01)",
    );
    const unknown = await get(
      '/api/dashboard/esf-operations.csv?operation=NON-ESISTE&from=2026-01-01&to=2026-12-31',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe("non esiste un'operazione con codice NON-ESISTE");
  });

  it('keeps a hub lead to the operations at their hubs', async () => {
    const res = await get(`/api/dashboard/esf-operations?${PERIOD}`, 'hub_lead');
    expect(res.body.operations.map((o: { code: string }) => o.code)).toEqual([OP2.code]);
    expect(res.body.participants).toBe(3);
    expect(
      (await get(`/api/dashboard/esf-operations?operation=${OP1.code}&${PERIOD}`, 'hub_lead')).status,
    ).toBe(403);
    expect((await get(`/api/dashboard/registers/sessions/${SESSION_1}`, 'hub_lead')).status).toBe(403);
  });

  const pdfText = async (path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie: users.admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const doc = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
    return (await extractText(doc, { mergePages: true })).text;
  };

  it("prints a session's register: hub, code, times, facilitator, names, in, hours and total", async () => {
    const text = await pdfText(`/api/dashboard/registers/sessions/${SESSION_1}`);
    for (const expected of [
      'Hub Cavallerizza',
      `${OP1.code} – ${OP1.name}`,
      'lunedì 2 marzo 2026',
      '15:00 – 17:00',
      'Giulia Bianchi',
      // P1 checked in at 15:20: 100 minutes = 1,67 hours, late
      'Niccolò Fabbrì presente, in ritardo 15:20 1,67',
      'Ольга Петрова giustificato (visita medica)',
      // Sara's only check-in was annulled: not present, no hours
      'Sara Colombo non segnato 0,00',
      'Totale: 1 presenti su 3 iscritti, ore 1,67',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain(cardId(1));
  });

  it("prints an operation's register with each participant's total", async () => {
    const text = await pdfText(`/api/dashboard/registers/operations/${OP1.id}`);
    expect(text).toContain('lunedì 9 marzo 2026');
    // P1: 100 minutes on 2 March + 120 on 9 March (present by hand) = 220 = 3,67 hours over 2 sessions
    expect(text).toMatch(/Niccolò Fabbrì\s+2\s+3,67/);
    expect(text).toMatch(/Ольга Петрова\s+0\s+0,00/);
    expect(text).toContain("Totale ore dell'operazione: 3,67");
    expect(
      (await get(`/api/dashboard/registers/operations/${OP2.id.replace(/.$/, 'Z')}`, 'admin')).status,
    ).toBe(404);
  });
});
