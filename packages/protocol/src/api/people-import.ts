import { type Static, Type } from 'typebox';
import { Ulid } from '../schema/fields';
import { DISADVANTAGED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS } from './esf';
import { CONSENT_TEXT_VERSION, PersonInput } from './people';
import { errorResponses, rawResponse } from './schema';

// Coordinators keep their participants in spreadsheets (issue 15, item 8): a CSV file of people, previewed on the
// server (every row checked against PersonInput, the schema the people form is checked with), then written only
// when the coordinator confirms a file with no errors. The confirm sends the file again and the server checks it
// again, so what is written is always what the server validated, never what a browser claims it saw.

/** The largest file and the most rows one import takes: larger files are split by the coordinator. */
export const PEOPLE_IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 5000 } as const;

/** What a column of the import file holds, as the importer reads it. */
export type PeopleImportColumnKey =
  | 'hub'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'birth'
  | 'gender'
  | 'employment'
  | 'education'
  | 'disadvantaged'
  | 'consent'
  | 'consentVersion';

/** One column of the import file: its Italian header (as in the template), whether the file must have it, help. */
export interface PeopleImportColumn {
  key: PeopleImportColumnKey;
  header: string;
  /** the header must be in the file (a cell may still be empty where the field is optional) */
  required: boolean;
  /** what to write in the cells, for the dashboard's help table */
  help: string;
}

/**
 * The columns of the import file in template order: the fields of the people form (PersonInput) plus the hub and
 * the consent, which every row must state on its own (a person is never stored without their consent).
 */
export const PEOPLE_IMPORT_COLUMNS: readonly PeopleImportColumn[] = [
  { key: 'hub', header: 'hub', required: true, help: "il nome dell'hub, come nel menu degli hub" },
  { key: 'firstName', header: 'nome', required: true, help: 'obbligatorio' },
  { key: 'lastName', header: 'cognome', required: true, help: 'obbligatorio' },
  { key: 'email', header: 'email', required: false, help: 'facoltativo' },
  { key: 'phone', header: 'telefono', required: false, help: 'facoltativo: cifre, spazi, + ( ) -' },
  {
    key: 'birth',
    header: 'data di nascita',
    required: false,
    help: 'gg/mm/aaaa oppure solo l’anno (aaaa); si conserva solo l’anno',
  },
  { key: 'gender', header: 'genere', required: false, help: 'vuoto = non rilevato' },
  { key: 'employment', header: 'condizione occupazionale', required: false, help: 'vuoto = non rilevato' },
  { key: 'education', header: 'istruzione', required: false, help: 'vuoto = non rilevato' },
  {
    key: 'disadvantaged',
    header: 'gruppi svantaggiati',
    required: false,
    help: 'separati da | (barra verticale); «nessuno» se rilevato e nessun gruppo; vuoto = non rilevato',
  },
  {
    key: 'consent',
    header: 'consenso',
    required: true,
    help: '«sì» su ogni riga: la persona ha letto l’informativa e acconsente',
  },
  {
    key: 'consentVersion',
    header: 'versione informativa',
    required: true,
    help: `la versione dell’informativa letta: ${CONSENT_TEXT_VERSION}`,
  },
];

/**
 * The words a cell may hold for each coded value, besides the code itself and the ESF+ report's label
 * (the importer compares without case and accents). Masculine and feminine both count; the first is shown.
 */
export const PEOPLE_IMPORT_WORDS: Readonly<Record<string, readonly string[]>> = {
  female: ['donna', 'f', 'femmina'],
  male: ['uomo', 'm', 'maschio'],
  non_binary: ['non binario', 'non binaria', 'nb'],
  employed: ['occupato', 'occupata'],
  self_employed: ['lavoratore autonomo', 'lavoratrice autonoma', 'autonomo', 'autonoma'],
  unemployed: ['disoccupato', 'disoccupata'],
  long_term_unemployed: ['disoccupato di lungo periodo', 'disoccupata di lungo periodo'],
  inactive: ['inattivo', 'inattiva'],
  in_education: ['in istruzione o formazione', 'studente', 'studentessa'],
  isced_0_2: ['ISCED 0-2', 'fino alla secondaria di primo grado'],
  isced_3_4: ['ISCED 3-4', 'secondaria superiore'],
  isced_5_8: ['ISCED 5-8', 'laurea', 'terziaria'],
  disability: ['disabilità', 'persona con disabilità'],
  third_country_national: ['cittadino di paese terzo', 'cittadina di paese terzo', 'paese terzo'],
  foreign_origin: ['origine straniera', 'di origine straniera'],
  minority: ['minoranza'],
  homeless_or_housing_exclusion: [
    'senza dimora',
    'esclusione abitativa',
    'senza dimora o esclusione abitativa',
  ],
  rural_area: ['area rurale', 'zona rurale'],
};

/** The coded values of each column that takes codes (the same lists the people form offers). */
export const PEOPLE_IMPORT_CODES = {
  gender: GENDERS,
  employment: EMPLOYMENT_STATUSES,
  education: EDUCATION_LEVELS,
  disadvantaged: DISADVANTAGED_GROUPS,
} as const;

/** One row of the file as it will be written: the person and the hub they are registered at. */
export const PeopleImportRow = Type.Object(
  {
    /** the row's number as the spreadsheet shows it (the header is row 1) */
    row: Type.Integer({ minimum: 2 }),
    hubId: Ulid(),
    person: PersonInput,
  },
  { additionalProperties: false },
);
export type PeopleImportRow = Static<typeof PeopleImportRow>;

/** One thing wrong with the file, in Italian, ready to show ("riga 7, colonna data di nascita: …"). */
export const PeopleImportIssue = Type.Object({
  /** the spreadsheet row (header = 1); null for the whole file (a missing column, the size) */
  row: Type.Union([Type.Integer(), Type.Null()]),
  /** the column's header, when the issue is one cell's */
  column: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});
export type PeopleImportIssue = Static<typeof PeopleImportIssue>;

/**
 * The file, as the browser read it: bytes in base64 (so the server, not the browser, decides the text encoding:
 * UTF-8 with or without BOM, or Windows-1252 as Excel saves "CSV (delimitato dal separatore di elenco)").
 */
export const PeopleImportRequest = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    // base64 makes 4 characters of 3 bytes; a little room over the cap so the handler, not the schema, says "too big"
    contentBase64: Type.String({ maxLength: Math.ceil((PEOPLE_IMPORT_LIMITS.maxBytes * 4) / 3) + 1024 }),
  },
  { additionalProperties: false },
);
export type PeopleImportRequest = Static<typeof PeopleImportRequest>;

/** The preview: the rows as they will be created, and every error; `valid` when the file may be confirmed. */
export const PeopleImportPreview = Type.Object({
  fileName: Type.String(),
  encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1252'), Type.Literal('utf-16le')]),
  separator: Type.Union([Type.Literal(';'), Type.Literal(','), Type.Null()]),
  rows: Type.Array(PeopleImportRow),
  errors: Type.Array(PeopleImportIssue),
  valid: Type.Boolean(),
});
export type PeopleImportPreview = Static<typeof PeopleImportPreview>;

export const PeopleImportResult = Type.Object({
  created: Type.Integer({ minimum: 1 }),
  visitorIds: Type.Array(Type.String()),
});
export type PeopleImportResult = Static<typeof PeopleImportResult>;

/** Bodies of a CSV file are up to PEOPLE_IMPORT_LIMITS.maxBytes, base64: over Fastify's default 1 MiB. */
export const PEOPLE_IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

const tags = ['people'];

export const peopleImportRoutes = {
  template: {
    method: 'GET',
    path: '/api/dashboard/people-import/template.csv',
    schema: {
      summary: 'The CSV template for importing people: the expected columns, Italian headers',
      tags,
      produces: ['text/csv'],
      response: { 200: rawResponse('text/csv', 'the header line, separated by ;'), ...errorResponses },
    },
  },
  preview: {
    method: 'POST',
    path: '/api/dashboard/people-import/preview',
    schema: {
      summary:
        'Check a CSV file of people: the rows as they would be created and every error; writes nothing',
      tags,
      body: PeopleImportRequest,
      response: { 200: PeopleImportPreview, ...errorResponses },
    },
  },
  confirm: {
    method: 'POST',
    path: '/api/dashboard/people-import',
    schema: {
      summary:
        'Import a CSV file of people: checked again, then every row written in one transaction, or none',
      tags,
      body: PeopleImportRequest,
      response: { 200: PeopleImportResult, ...errorResponses },
    },
  },
} as const;
