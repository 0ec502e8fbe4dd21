import { PEOPLE_IMPORT_LIMITS, type PeopleImportIssue, type PeopleImportPreview } from '@vigevano/protocol';
import { CsvError, parse } from 'csv-parse/sync';

/** One record of the file: its spreadsheet row (header = 1) and its cells, trimmed. */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** A file read as CSV: how it was decoded, its header and records; or why it could not be read at all. */
export type CsvFile =
  | {
      ok: true;
      encoding: PeopleImportPreview['encoding'];
      separator: ';' | ',';
      header: string[];
      records: CsvRecord[];
    }
  | { ok: false; encoding: PeopleImportPreview['encoding']; error: PeopleImportIssue };

const fileError = (message: string): PeopleImportIssue => ({ row: null, column: null, message });

const n = (value: number) => value.toLocaleString('it-IT');

/**
 * The file's text. Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the system code page (Windows-1252 in
 * Italy) and "Unicode text" as UTF-16LE with a BOM; a file that is not valid UTF-8 is read as Windows-1252, where
 * every byte is a character, so an accented name from Excel reads right instead of failing.
 */
function decodeCsvBytes(bytes: Uint8Array): {
  text: string;
  encoding: PeopleImportPreview['encoding'];
} {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * The separator the header line uses: `;` (what Italian Excel writes) or `,`, whichever the first line has more
 * of outside quotes; null when it has neither (a tab-separated file, or a single column).
 */
function detectSeparator(text: string): ';' | ',' | null {
  let quoted = false;
  let semicolons = 0;
  let commas = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  if (semicolons === 0 && commas === 0) return null;
  return semicolons >= commas ? ';' : ',';
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'ci sono virgolette aperte e mai chiuse',
  CSV_INVALID_CLOSING_QUOTE:
    'ci sono virgolette nel mezzo di un campo (racchiudi il campo tra virgolette e raddoppiale)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'dopo le virgolette di chiusura c’è altro testo',
};

/**
 * Reads an uploaded file as CSV with csv-parse: decodes it (decodeCsvBytes), finds the separator, and splits it
 * into records with their spreadsheet row numbers; blank lines are skipped. Refuses, with one Italian message,
 * a file over PEOPLE_IMPORT_LIMITS (bytes or rows), an empty one, one without a separator, or broken quoting.
 */
export function readCsvFile(bytes: Uint8Array): CsvFile {
  const { text, encoding } = decodeCsvBytes(bytes);
  const fail = (message: string): CsvFile => ({ ok: false, encoding, error: fileError(message) });
  if (bytes.byteLength > PEOPLE_IMPORT_LIMITS.maxBytes)
    return fail(
      `il file pesa ${n(Math.ceil(bytes.byteLength / 1024))} kB: al massimo ${n(PEOPLE_IMPORT_LIMITS.maxBytes / 1024 / 1024)} MB per importazione; dividilo in più file`,
    );
  if (text.trim() === '') return fail('il file è vuoto');
  const separator = detectSeparator(text);
  if (!separator)
    return fail(
      'la prima riga deve contenere le intestazioni delle colonne separate da ; o da , (come nel modello)',
    );
  let parsed: Array<{ record: string[]; info: { records: number; empty_lines: number } }>;
  try {
    parsed = parse(text, {
      delimiter: separator,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof parsed; // with `info: true` each record comes with its info (csv-parse's types miss it)
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    return fail(
      `il file non è un CSV leggibile${line ? ` (riga ${line})` : ''}: ${CSV_ERRORS[e.code] ?? 'formato non riconosciuto'}`,
    );
  }
  // A line of separators only (";;;;", what spreadsheets leave below the data) is no person: left out.
  const [head, ...rest] = parsed.filter((r) => r.record.some((cell) => cell !== ''));
  if (!head) return fail('il file è vuoto');
  if (rest.length > PEOPLE_IMPORT_LIMITS.maxRows)
    return fail(
      `il file ha ${n(rest.length)} righe di persone: al massimo ${n(PEOPLE_IMPORT_LIMITS.maxRows)} per importazione; dividilo in più file`,
    );
  if (rest.length === 0)
    return fail('il file ha solo la riga delle intestazioni: nessuna persona da importare');
  return {
    ok: true,
    encoding,
    separator,
    header: head.record,
    // A spreadsheet shows each record on one row and each blank line as an empty row: the row number counts both
    // (a cell spanning lines is still one row, so csv-parse's line count would be wrong there).
    records: rest.map((r) => ({ row: r.info.records + r.info.empty_lines, cells: r.record })),
  };
}
