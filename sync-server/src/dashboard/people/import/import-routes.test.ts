import { CONSENT_TEXT_VERSION, peopleImportRoutes } from '@vigevano/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../../../store/test-stores';
import { type DemoCity, type Role, startDemoCity } from '../../test-support';

// The import through HTTP on a real server with the demo city, on SQLite and on PostgreSQL: the preview writes
// nothing, the confirm writes every row with one audit entry, and a file with a bad row writes nothing at all.

const V = CONSENT_TEXT_VERSION;
const HEADER = 'hub;nome;cognome;email;data di nascita;genere;consenso;versione informativa';
const upload = (fileName: string, text: string) => ({
  fileName,
  contentBase64: Buffer.from(text, 'utf8').toString('base64'),
});

describe.each(testStoreKinds())('people import on %s', (kind) => {
  let city: DemoCity;
  let ownHubName: string;
  let otherHubName: string;
  beforeAll(async () => {
    city = await startDemoCity(kind);
    const overview = await city.get('/api/city/overview', 'admin');
    const hubs = overview.body.hubs as Array<{ id: string; name: string }>;
    ownHubName = hubs.find((h) => h.id === city.ownHub)?.name as string;
    otherHubName = hubs.find((h) => h.id === city.otherHub)?.name as string;
  });
  afterAll(() => city.t.stop());

  const db = () => city.t.server.store.db;
  const counts = async () => ({
    people: Number(
      (
        await db()
          .selectFrom('people')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: (await db().selectFrom('audit_log').select('id').where('action', '=', 'people.import').execute())
      .length,
    log: Number(
      (
        await db()
          .selectFrom('people_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const preview = (role: Role, body: unknown) =>
    city.send('POST', peopleImportRoutes.preview.path, role, body);
  const confirm = (role: Role, body: unknown) =>
    city.send('POST', peopleImportRoutes.confirm.path, role, body);

  it('previews a file without writing, then writes every row in one go with one audit entry', async () => {
    const text = `\uFEFF${HEADER};gruppi svantaggiati\r\n${ownHubName};Ottavia;Import;ottavia@example.it;02/03/1991;donna;sì;${V};minoranza|area rurale\r\n${otherHubName};Pietro;Import;;1955;uomo;sì;${V};\r\n`;
    const before = await counts();
    const seen = await preview('admin', upload('iscritti.csv', text));
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ fileName: 'iscritti.csv', valid: true, errors: [], separator: ';' });
    expect(
      seen.body.rows.map((r: { hubId: string; person: { birthYear: number } }) => [
        r.hubId,
        r.person.birthYear,
      ]),
    ).toEqual([
      [city.ownHub, 1991],
      [city.otherHub, 1955],
    ]);
    expect(await counts()).toEqual(before);

    const done = await confirm('admin', upload('iscritti.csv', text));
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(2);
    const after = await counts();
    expect(after).toEqual({ people: before.people + 2, audit: before.audit + 1, log: before.log + 2 });
    const ottavia = await city.get(`/api/dashboard/people/${done.body.visitorIds[0]}`, 'hub_lead');
    expect(ottavia.body.hubId).toBe(city.ownHub);
    expect(ottavia.body.person).toMatchObject({
      firstName: 'Ottavia',
      email: 'ottavia@example.it',
      birthYear: 1991,
      gender: 'female',
      disadvantaged: ['minority', 'rural_area'],
      consentTextVersion: V,
    });
    const pietro = await city.get(`/api/dashboard/people/${done.body.visitorIds[1]}`, 'admin');
    expect(pietro.body.person).toMatchObject({ birthYear: 1955, gender: 'male', disadvantaged: null });
    const found = await city.get('/api/dashboard/people?q=import', 'admin');
    expect(found.body.results.map((r: { displayName: string }) => r.displayName).sort()).toEqual([
      'Ottavia Import',
      'Pietro Import',
    ]);
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'people.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.hub_id).toBeNull();
    expect(JSON.parse(entry.after_json ?? 'null')).toEqual({
      fileName: 'iscritti.csv',
      created: 2,
      byHub: { [city.ownHub]: 1, [city.otherHub]: 1 },
    });
    // counts and the file's name only: no personal data in the audit log
    expect(entry.after_json).not.toMatch(/Ottavia|Pietro|example\.it|1991/);

    // the same file again: every row is now someone already registered, and nothing is written
    const again = await confirm('admin', upload('iscritti.csv', text));
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors.map((e: { message: string }) => e.message)).toEqual([
      'riga 2: Ottavia Import (1991) è già tra le persone registrate',
      'riga 3: Pietro Import (1955) è già tra le persone registrate',
    ]);
    expect(await counts()).toEqual(after);
  });

  it('writes nothing from a file with one bad row, and says which row and column', async () => {
    const rows = [
      `${ownHubName};Quinto;Errore;;1980;uomo;sì;${V}`,
      `${ownHubName};Rita;Errore;;31/02/1990;donna;sì;${V}`,
      `${ownHubName};Sara;Errore;;1999;donna;sì;${V}`,
    ];
    const text = `${HEADER}\n${rows.join('\n')}\n`;
    const before = await counts();
    const seen = await preview('admin', upload('con-errore.csv', text));
    expect(seen.body.valid).toBe(false);
    expect(seen.body.rows).toHaveLength(2);
    expect(seen.body.errors).toEqual([
      {
        row: 3,
        column: 'data di nascita',
        message:
          'riga 3, colonna data di nascita: 31/02/1990 non è una data (scrivi gg/mm/aaaa, oppure solo l’anno)',
      },
    ]);
    const refused = await confirm('admin', upload('con-errore.csv', text));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.message).toMatch(/^il file ha un errore: nessuna persona importata/);
    expect(await counts()).toEqual(before);
    expect((await city.get('/api/dashboard/people?q=errore', 'admin')).body.results).toEqual([]);
  });

  it('lets a hub lead import into their hub only; roles without personal data are refused', async () => {
    const text = `${HEADER}\n${ownHubName};Tina;Capo;;1970;donna;sì;${V}\n${otherHubName};Ugo;Capo;;1971;uomo;sì;${V}\n`;
    const before = await counts();
    const refused = await confirm('hub_lead', upload('capo.csv', text));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.map((e: { message: string }) => e.message)).toEqual([
      `riga 3, colonna hub: puoi importare persone solo nel tuo hub, non in ${otherHubName}`,
    ]);
    expect(await counts()).toEqual(before);
    for (const role of ['coordinator', 'viewer'] as const) {
      expect((await preview(role, upload('capo.csv', text))).status).toBe(403);
      expect((await confirm(role, upload('capo.csv', text))).status).toBe(403);
    }
    const own = await confirm('hub_lead', upload('capo.csv', text.split('\n').slice(0, 2).join('\n')));
    expect(own.body.created).toBe(1);
    const entry = await db()
      .selectFrom('audit_log')
      .select(['hub_id', 'actor_label'])
      .where('action', '=', 'people.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.hub_id).toBe(city.ownHub);
    expect((await counts()).people).toBe(before.people + 1);
  });

  it('serves the template, whose header the preview reads back', async () => {
    const template = await city.get(peopleImportRoutes.template.path, 'hub_lead');
    expect(template.status).toBe(200);
    const header = String(template.body)
      .replace(/^\uFEFF/, '')
      .trim();
    expect(header.split(';')).toContain('versione informativa');
    const seen = await preview('admin', upload('modello.csv', `${template.body}`));
    expect(seen.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'il file ha solo la riga delle intestazioni: nessuna persona da importare',
    ]);
  });
});
