import {
  PEOPLE_IMPORT_CODES,
  PEOPLE_IMPORT_COLUMNS,
  type PeopleImportColumnKey,
  type PeopleImportIssue,
  PeopleImportRow,
} from '@vigevano/protocol';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import {
  birthYear,
  type Cell,
  codedValue,
  consent,
  consentVersion,
  fold,
  groups,
  optionalText,
} from './cells';
import type { CsvRecord } from './csv-file';

/** A hub rows may name: by its name (as the menu shows it) or its id. */
interface ImportHub {
  id: string;
  name: string;
  /** an archived hub takes no new people (it is named, so the error says why, not "unknown") */
  archived?: boolean;
}

/** What the rows are checked against: the city's hubs, and the hubs the importing user may register people at. */
export interface RowContext {
  hubs: readonly ImportHub[];
  /** null: every hub (admin); otherwise the hub lead's own hubs */
  allowedHubIds: readonly string[] | null;
}

/** The file's rows that are valid, as they will be written, and every error (header, cells), in file order. */
export interface CheckedRows {
  rows: PeopleImportRow[];
  errors: PeopleImportIssue[];
}

// Also understood as headers: what spreadsheets kept from older forms name the same thing.
const HEADER_ALIASES: Readonly<Record<string, PeopleImportColumnKey>> = {
  'anno di nascita': 'birth',
  'data o anno di nascita': 'birth',
  'e-mail': 'email',
  cellulare: 'phone',
  sesso: 'gender',
};

const COLUMN_BY_HEADER = new Map<string, PeopleImportColumnKey>([
  ...PEOPLE_IMPORT_COLUMNS.map((c) => [fold(c.header), c.key] as const),
  ...Object.entries(HEADER_ALIASES),
]);
const HEADER_OF = new Map(PEOPLE_IMPORT_COLUMNS.map((c) => [c.key, c.header]));

const headerOf = (key: PeopleImportColumnKey) => HEADER_OF.get(key) ?? key;

/** "riga 7, colonna data di nascita: …", the way every cell's error reads. */
export function cellIssue(row: number, key: PeopleImportColumnKey | null, text: string): PeopleImportIssue {
  const column = key ? headerOf(key) : null;
  return {
    row,
    column,
    message: column ? `riga ${row}, colonna ${column}: ${text}` : `riga ${row}: ${text}`,
  };
}

/**
 * Which column of the file is which field. File-level issues: an unknown header (a typo would silently drop a
 * column), a header twice, a required column missing.
 */
export function mapHeader(header: readonly string[]): {
  index: Map<PeopleImportColumnKey, number>;
  errors: PeopleImportIssue[];
} {
  const index = new Map<PeopleImportColumnKey, number>();
  const errors: PeopleImportIssue[] = [];
  const fileIssue = (message: string) => errors.push({ row: null, column: null, message });
  header.forEach((text, i) => {
    if (text === '') return;
    const key = COLUMN_BY_HEADER.get(fold(text));
    if (!key)
      fileIssue(
        `la colonna «${text}» non è prevista (le colonne sono: ${PEOPLE_IMPORT_COLUMNS.map((c) => c.header).join(', ')})`,
      );
    else if (index.has(key)) fileIssue(`la colonna «${headerOf(key)}» compare due volte`);
    else index.set(key, i);
  });
  for (const column of PEOPLE_IMPORT_COLUMNS)
    if (column.required && !index.has(column.key)) fileIssue(`manca la colonna «${column.header}»`);
  return { index, errors };
}

const validator = Compile(PeopleImportRow);

// Where PersonInput's schema points, which column that is.
const KEY_OF_PATH: Readonly<Record<string, PeopleImportColumnKey>> = {
  '/hubId': 'hub',
  '/person/firstName': 'firstName',
  '/person/lastName': 'lastName',
  '/person/email': 'email',
  '/person/phone': 'phone',
  '/person/birthYear': 'birth',
  '/person/gender': 'gender',
  '/person/employment': 'employment',
  '/person/education': 'education',
  '/person/disadvantaged': 'disadvantaged',
  '/person/consent': 'consent',
};

/** The schema's refusal of one field, in the dashboard's words (never the schema's own text). */
function schemaMessage(key: PeopleImportColumnKey, error: TLocalizedValidationError, cell: string): string {
  const params = error.params as { limit?: number; format?: string };
  switch (error.keyword) {
    case 'minLength':
      return 'è obbligatorio';
    case 'maxLength':
      return `è troppo lungo: al massimo ${params.limit} caratteri`;
    case 'format':
      return params.format === 'email' ? `«${cell}» non è un indirizzo email` : `«${cell}» non è valido`;
    case 'pattern':
      return key === 'phone'
        ? `«${cell}» non è un numero di telefono (cifre, spazi, + ( ) -)`
        : `«${cell}» non è valido`;
    case 'minimum':
    case 'maximum':
      return `l’anno di nascita ${cell} è fuori dall’intervallo ammesso (1900-2100)`;
    default:
      return `«${cell}» non è valido`;
  }
}

/** Where a schema error points: the deepest known path at or above it (an array's item belongs to its array). */
function keyOfPath(path: string): PeopleImportColumnKey | undefined {
  for (let p = path; p; p = p.slice(0, p.lastIndexOf('/'))) {
    const key = KEY_OF_PATH[p];
    if (key) return key;
  }
  return undefined;
}

/**
 * Checks every record of the file: each cell is read (cells.ts), then the row, as it would be written, is checked
 * against PeopleImportRow (PersonInput, the people form's schema). Returns the valid rows and every error; a hub
 * lead's row for another hub is an error of its hub cell.
 */
export function checkRows(
  records: readonly CsvRecord[],
  index: ReadonlyMap<PeopleImportColumnKey, number>,
  context: RowContext,
): CheckedRows {
  const byName = new Map(context.hubs.map((h) => [fold(h.name), h]));
  const byId = new Map(context.hubs.map((h) => [h.id, h]));
  const rows: PeopleImportRow[] = [];
  const errors: PeopleImportIssue[] = [];
  for (const record of records) {
    const text = (key: PeopleImportColumnKey) => {
      const i = index.get(key);
      return i === undefined ? '' : (record.cells[i] ?? '');
    };
    const failed = new Set<PeopleImportColumnKey>();
    const before = errors.length;
    const read = <T>(key: PeopleImportColumnKey, cell: Cell<T>, fallback: T): T => {
      if ('value' in cell) return cell.value;
      failed.add(key);
      errors.push(cellIssue(record.row, key, cell.error));
      return fallback;
    };
    const extra = record.cells.slice(Math.max(...index.values()) + 1).filter((c) => c !== '');
    if (record.cells.length > index.size && extra.length > 0 && index.size > 0)
      errors.push(
        cellIssue(
          record.row,
          null,
          `ha ${record.cells.length} campi ma le intestazioni sono ${index.size}: controlla il separatore e le virgolette`,
        ),
      );
    const hubText = text('hub');
    const hub = byName.get(fold(hubText)) ?? byId.get(hubText);
    let hubId = '';
    if (hubText === '') read('hub', { error: 'è obbligatorio' }, '');
    else if (!hub)
      read(
        'hub',
        {
          error: `«${hubText}» non è un hub (hub: ${context.hubs
            .filter((h) => !h.archived)
            .map((h) => h.name)
            .join(', ')})`,
        },
        '',
      );
    else if (hub.archived)
      read('hub', { error: `l'hub ${hub.name} è archiviato: non riceve nuove persone` }, '');
    else if (context.allowedHubIds && !context.allowedHubIds.includes(hub.id))
      read('hub', { error: `puoi importare persone solo nel tuo hub, non in ${hub.name}` }, '');
    else hubId = hub.id;
    const candidate = {
      row: record.row,
      hubId,
      person: {
        firstName: text('firstName'),
        lastName: text('lastName'),
        email: read('email', optionalText(text('email')), null),
        phone: read('phone', optionalText(text('phone')), null),
        birthYear: read('birth', birthYear(text('birth')), null),
        gender: read('gender', codedValue(PEOPLE_IMPORT_CODES.gender, text('gender')), null),
        employment: read('employment', codedValue(PEOPLE_IMPORT_CODES.employment, text('employment')), null),
        education: read('education', codedValue(PEOPLE_IMPORT_CODES.education, text('education')), null),
        disadvantaged: read(
          'disadvantaged',
          groups(PEOPLE_IMPORT_CODES.disadvantaged, text('disadvantaged')),
          null,
        ),
        consent: read('consent', consent(text('consent')), true),
      },
    };
    read('consentVersion', consentVersion(text('consentVersion')), '');
    const valid = validator.Check(candidate);
    if (!valid) {
      const reported = new Set(failed);
      for (const error of validator.Errors(candidate)) {
        const key = keyOfPath(error.instancePath);
        if (!key || reported.has(key) || error.keyword === 'boolean') continue;
        reported.add(key);
        errors.push(cellIssue(record.row, key, schemaMessage(key, error, text(key))));
      }
      // never a refused row without a word: it would vanish from the preview and the file would look valid
      if (errors.length === before) errors.push(cellIssue(record.row, null, 'la riga non è valida'));
    }
    if (valid && errors.length === before) rows.push(candidate as PeopleImportRow);
  }
  return { rows, errors };
}
