import { CONSENT_TEXT_VERSION, PEOPLE_IMPORT_COLUMNS, PEOPLE_IMPORT_LIMITS } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from './csv-file';
import { duplicateIssues } from './duplicates';
import { checkRows, mapHeader, type RowContext } from './rows';
import { templateCsv } from './template';

// The file reader and the row checker on real files (bytes as a spreadsheet saves them), against a city of two
// hubs. The server tests (import-routes.test.ts) run the same through HTTP on SQLite and PostgreSQL.

const CENTRO = '01J0000000000000000000CENT';
const TICINO = '01J0000000000000000000TCNX';
const admin: RowContext = {
  hubs: [
    { id: CENTRO, name: 'Hub Centro' },
    { id: TICINO, name: 'Hub Ticino' },
  ],
  allowedHubIds: null,
};
const HEADER =
  'hub;nome;cognome;email;telefono;data di nascita;genere;condizione occupazionale;istruzione;gruppi svantaggiati;consenso;versione informativa';
const V = CONSENT_TEXT_VERSION;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Reads and checks a file the way the preview does (without the duplicate check against the store). */
function check(bytes: Uint8Array, context: RowContext = admin) {
  const file = readCsvFile(bytes);
  if (!file.ok) return { file, rows: [], errors: [file.error], messages: [file.error.message] };
  const header = mapHeader(file.header);
  if (header.errors.length > 0)
    return { file, rows: [], errors: header.errors, messages: header.errors.map((e) => e.message) };
  const checked = checkRows(file.records, header.index, context);
  const errors = [...checked.errors, ...duplicateIssues(checked.rows, [])];
  return { file, rows: checked.rows, errors, messages: errors.map((e) => e.message) };
}

describe('reading an import file', () => {
  it('reads a ;-separated UTF-8 file with a BOM, quoted fields and Italian dates', () => {
    const text = `\uFEFF${HEADER}\r\nHub Centro;"Maria; detta Mary";Rossi;maria@example.it;+39 333 1234567;31/01/1990;donna;disoccupata;ISCED 3-4;origine straniera|Disabilità;sì;${V}\r\nhub ticino;Luca;Bianchi;;;1985;M;;;nessuno;Sì;${V}\r\n`;
    const { file, rows, errors } = check(utf8(text));
    expect(errors).toEqual([]);
    expect(file).toMatchObject({ ok: true, encoding: 'utf-8', separator: ';' });
    expect(rows).toEqual([
      {
        row: 2,
        hubId: CENTRO,
        person: {
          firstName: 'Maria; detta Mary',
          lastName: 'Rossi',
          email: 'maria@example.it',
          phone: '+39 333 1234567',
          birthYear: 1990,
          gender: 'female',
          employment: 'unemployed',
          education: 'isced_3_4',
          disadvantaged: ['foreign_origin', 'disability'],
          consent: true,
        },
      },
      {
        row: 3,
        hubId: TICINO,
        person: {
          firstName: 'Luca',
          lastName: 'Bianchi',
          email: null,
          phone: null,
          birthYear: 1985,
          gender: 'male',
          employment: null,
          education: null,
          disadvantaged: [],
          consent: true,
        },
      },
    ]);
  });

  it('reads a ,-separated file without BOM, and a Windows-1252 file from Excel with accents intact', () => {
    const comma = check(
      utf8(`hub,nome,cognome,consenso,versione informativa\nHub Centro,"Rossi, Anna",Neri,si,${V}\n`),
    );
    expect(comma.errors).toEqual([]);
    expect(comma.file).toMatchObject({ encoding: 'utf-8', separator: ',' });
    expect(comma.rows[0]?.person.firstName).toBe('Rossi, Anna');
    // "Niccolò Férrà" in Windows-1252: ò = 0xF2, é = 0xE9, à = 0xE0 (not valid UTF-8)
    const latin = Uint8Array.from([
      ...utf8('hub;nome;cognome;consenso;versione informativa\r\nHub Centro;Niccol'),
      0xf2,
      ...utf8(';F'),
      0xe9,
      ...utf8('rr'),
      0xe0,
      ...utf8(`;S`),
      0xec,
      ...utf8(`;${V}\r\n`),
    ]);
    const cp1252 = check(latin);
    expect(cp1252.errors).toEqual([]);
    expect(cp1252.file).toMatchObject({ encoding: 'windows-1252' });
    expect(cp1252.rows[0]?.person).toMatchObject({ firstName: 'Niccolò', lastName: 'Férrà' });
  });

  it('numbers rows as the spreadsheet shows them: blank lines count, a cell over two lines is one row', () => {
    const text = `hub;nome;cognome;consenso;versione informativa\nHub Centro;Anna;Neri;sì;${V}\n\nHub Centro;"Carla\nMaria";Blu;sì;${V}\n;;;;\nHub Centro;Ugo;;sì;${V}\n`;
    const { rows, messages } = check(utf8(text));
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(messages).toEqual(['riga 6, colonna cognome: è obbligatorio']);
  });

  it('says in Italian, per row and column, what is wrong with each cell', () => {
    const rows = [
      `Hub Centro;Anna;Neri;anna@;;31/02/1990;donna;;;;sì;${V}`,
      `Hub Nord;Bea;Neri;;abc;1899;x;operaio;;;sì;${V}`,
      `Hub Centro;Carla;Neri;;;12/12/2999;;;;povertà;no;2025-01`,
      `;${'x'.repeat(81)};Neri;;;;;;;;;${V}`,
    ];
    const { rows: valid, messages } = check(utf8(`${HEADER}\n${rows.join('\n')}\n`));
    expect(valid).toEqual([]);
    expect(messages).toEqual([
      'riga 2, colonna data di nascita: 31/02/1990 non è una data (scrivi gg/mm/aaaa, oppure solo l’anno)',
      'riga 2, colonna email: «anna@» non è un indirizzo email',
      'riga 3, colonna hub: «Hub Nord» non è un hub (hub: Hub Centro, Hub Ticino)',
      'riga 3, colonna genere: «x» non è un valore ammesso (ammessi: donna, uomo, non binario)',
      'riga 3, colonna condizione occupazionale: «operaio» non è un valore ammesso (ammessi: occupato, lavoratore autonomo, disoccupato, disoccupato di lungo periodo, inattivo, in istruzione o formazione)',
      'riga 3, colonna telefono: «abc» non è un numero di telefono (cifre, spazi, + ( ) -)',
      'riga 3, colonna data di nascita: l’anno di nascita 1899 è fuori dall’intervallo ammesso (1900-2100)',
      'riga 4, colonna data di nascita: 12/12/2999 è una data futura',
      `riga 4, colonna gruppi svantaggiati: «povertà» non è un gruppo ammesso (ammessi: disabilità, cittadino di paese terzo, origine straniera, minoranza, senza dimora, area rurale, oppure «nessuno»)`,
      'riga 4, colonna consenso: «no» non è un consenso: scrivi «sì» solo se la persona ha letto l’informativa e acconsente',
      `riga 4, colonna versione informativa: «2025-01» non è la versione in vigore: l’informativa in vigore è la ${V}`,
      'riga 5, colonna hub: è obbligatorio',
      'riga 5, colonna consenso: è vuota: scrivi «sì» solo se la persona ha letto l’informativa e acconsente',
      'riga 5, colonna nome: è troppo lungo: al massimo 80 caratteri',
    ]);
  });

  it('refuses a file whose header lacks a required column or names an unknown one', () => {
    const { messages } = check(
      utf8(`hub;nome;cognome;data nascita;consenso\nHub Centro;Anna;Neri;1990;sì\n`),
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /^la colonna «data nascita» non è prevista \(le colonne sono: hub, nome, cognome,/,
      ),
      'manca la colonna «versione informativa»',
    ]);
  });

  it('refuses a file with no ; or , separator (a tab-separated export) and says how to fix it', () => {
    const { messages } = check(utf8(`hub\tnome\tcognome\tconsenso\nHub Centro\tAnna\tNeri\tsì\n`));
    expect(messages).toEqual([
      'la prima riga deve contenere le intestazioni delle colonne separate da ; o da , (come nel modello)',
    ]);
  });

  it('flags a row split by the wrong separator (more fields than headers)', () => {
    const { messages } = check(
      utf8(`hub;nome;cognome;consenso;versione informativa\nHub Centro;Anna;Neri;sì;${V};extra\n`),
    );
    expect(messages).toEqual([
      'riga 2: ha 6 campi ma le intestazioni sono 5: controlla il separatore e le virgolette',
    ]);
  });

  it('refuses an empty file, a header without rows, broken quoting, too many rows, too many bytes', () => {
    expect(check(utf8('')).messages).toEqual(['il file è vuoto']);
    expect(check(utf8('\uFEFF \r\n')).messages).toEqual(['il file è vuoto']);
    expect(check(utf8(templateCsv())).messages).toEqual([
      'il file ha solo la riga delle intestazioni: nessuna persona da importare',
    ]);
    expect(check(utf8(`hub;nome\nHub Centro;"Anna\n`)).messages).toEqual([
      expect.stringMatching(/^il file non è un CSV leggibile.*virgolette aperte e mai chiuse$/),
    ]);
    const line = `Hub Centro;Anna;Neri;sì;${V}\n`;
    const many = `hub;nome;cognome;consenso;versione informativa\n${line.repeat(PEOPLE_IMPORT_LIMITS.maxRows + 1)}`;
    expect(check(utf8(many)).messages).toEqual([
      'il file ha 5001 righe di persone: al massimo 5000 per importazione; dividilo in più file',
    ]);
    const big = new Uint8Array(PEOPLE_IMPORT_LIMITS.maxBytes + 1).fill(0x3b);
    expect(check(big).messages).toEqual([
      'il file pesa 2049 kB: al massimo 2 MB per importazione; dividilo in più file',
    ]);
  });

  it('keeps cells that look like spreadsheet formulas as plain text', () => {
    const text = `hub;nome;cognome;consenso;versione informativa\nHub Centro;=cmd|' /C calc'!A0;+SUM(A1);sì;${V}\n`;
    const { rows, errors } = check(utf8(text));
    expect(errors).toEqual([]);
    expect(rows[0]?.person).toMatchObject({ firstName: "=cmd|' /C calc'!A0", lastName: '+SUM(A1)' });
  });

  it('lets a hub lead import only into their own hub', () => {
    const text = `hub;nome;cognome;consenso;versione informativa\nHub Centro;Anna;Neri;sì;${V}\nHub Ticino;Bea;Neri;sì;${V}\n`;
    const lead = check(utf8(text), { ...admin, allowedHubIds: [CENTRO] });
    expect(lead.rows.map((r) => r.hubId)).toEqual([CENTRO]);
    expect(lead.messages).toEqual([
      'riga 3, colonna hub: puoi importare persone solo nel tuo hub, non in Hub Ticino',
    ]);
  });

  it('refuses rows for an archived hub, and leaves it out of the hubs it lists', () => {
    const text = `hub;nome;cognome;consenso;versione informativa\nHub Centro;Anna;Neri;sì;${V}\nHub Ticino;Bea;Neri;sì;${V}\nHub Nord;Ciro;Neri;sì;${V}\n`;
    const archived = check(utf8(text), {
      ...admin,
      hubs: [
        { id: CENTRO, name: 'Hub Centro' },
        { id: TICINO, name: 'Hub Ticino', archived: true },
      ],
    });
    expect(archived.rows.map((r) => r.hubId)).toEqual([CENTRO]);
    expect(archived.messages).toEqual([
      "riga 3, colonna hub: l'hub Hub Ticino è archiviato: non riceve nuove persone",
      'riga 4, colonna hub: «Hub Nord» non è un hub (hub: Hub Centro)',
    ]);
  });

  it('flags the same person twice in the file, and someone already registered', () => {
    const text = `hub;nome;cognome;email;data di nascita;consenso;versione informativa\nHub Centro;Anna;Neri;;1990;sì;${V}\nHub Ticino;ANNA;Nerì;;01/05/1990;sì;${V}\nHub Centro;Bea;Blu;bea@example.it;;sì;${V}\nHub Centro;Carla;Blu;BEA@example.it;;sì;${V}\nHub Centro;Dora;Gialli;;1970;sì;${V}\n`;
    const file = readCsvFile(utf8(text));
    if (!file.ok) throw new Error(file.error.message);
    const { rows } = checkRows(file.records, mapHeader(file.header).index, admin);
    const known = [{ firstName: 'Dora', lastName: 'gialli', birthYear: 1970, email: null }];
    expect(duplicateIssues(rows, known).map((i) => i.message)).toEqual([
      'riga 3: ANNA Nerì (1990) è già alla riga 2 del file',
      'riga 5, colonna email: BEA@example.it è già alla riga 4 del file',
      'riga 6: Dora Gialli (1970) è già tra le persone registrate',
    ]);
  });

  it('offers a template whose header is exactly the columns it reads', () => {
    const file = readCsvFile(utf8(`${templateCsv()}Hub Centro;Anna;Neri;;;;;;;;sì;${V}\r\n`));
    if (!file.ok) throw new Error(file.error.message);
    expect(file.header).toEqual(PEOPLE_IMPORT_COLUMNS.map((c) => c.header));
    const { errors, index } = mapHeader(file.header);
    expect(errors).toEqual([]);
    expect(checkRows(file.records, index, admin).errors).toEqual([]);
  });
});
