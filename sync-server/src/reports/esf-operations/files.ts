import {
  ESF_GENDER_COLUMNS,
  type EsfCountRow,
  type EsfMissingRow,
  type EsfOperationReport,
} from '@vigevano/protocol';
import ExcelJS from 'exceljs';
import { csvFile } from '../csv';

// Italian number format for the CSV: decimal comma, no thousands separator (a spreadsheet set to Italian reads
// "37,5" as a number; a "." would be read as a thousands separator).
const decimal = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1, useGrouping: false });

/** A share as a percentage with a decimal comma ("37,5"); empty when the base is zero. */
function italianPercent(part: number, whole: number): string {
  return whole > 0 ? decimal.format((part / whole) * 100) : '';
}

const operationLabel = (report: EsfOperationReport) =>
  report.query.operation === null
    ? 'tutte le operazioni'
    : `${report.query.operation} – ${report.operations.find((o) => o.code === report.query.operation)?.name ?? ''}`;

const SECTION = { outputs: 'indicatori di output', results: 'indicatori di risultato', guests: 'ospiti' };

const countCells = (r: EsfCountRow) => [r.total, ...ESF_GENDER_COLUMNS.map((c) => r[c.key])];

/**
 * The report as CSV for the funder's forms: one line per indicator with its code (EECO…/EECR…; empty for the
 * not-recorded lines and the guests), Italian label, total, breakdown by gender and share of the total (decimal
 * comma), then the guests' check-ins by age band.
 */
export function esfOperationCsv(report: EsfOperationReport): string {
  const op = operationLabel(report);
  const head = [report.query.from, report.query.to, op];
  return csvFile([
    [
      'dal',
      'al',
      'operazione',
      'sezione',
      'codice',
      'indicatore',
      'totale',
      ...ESF_GENDER_COLUMNS.map((c) => c.label),
      '% sul totale',
    ],
    ...report.outputs.map((r) => [
      ...head,
      SECTION.outputs,
      r.code ?? '',
      r.label,
      ...countCells(r),
      italianPercent(r.total, report.participants),
    ]),
    ...report.results.map((r) => [
      ...head,
      SECTION.results,
      r.code ?? '',
      r.label,
      ...countCells(r),
      italianPercent(r.total, report.leavers),
    ]),
    ...report.guests.map((g) => [
      ...head,
      SECTION.guests,
      '',
      `ingressi di ospiti senza tessera, ${g.label}`,
      g.checkins,
      '',
      '',
      '',
      '',
      '',
    ]),
  ]);
}

/**
 * The report as an Excel workbook: a sheet each for the output indicators, the result indicators and the guests,
 * and, when given (roles that may see names), the participants whose data is missing. Numbers are numbers and
 * shares are percentages, so the workbook computes and formats in the reader's own locale.
 *
 * @returns the .xlsx file's bytes
 */
export async function esfOperationXlsx(
  report: EsfOperationReport,
  missing: EsfMissingRow[] | null,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Vigevano hubs';
  const header = [
    'Codice',
    'Indicatore',
    'Totale',
    ...ESF_GENDER_COLUMNS.map((c) => c.label),
    '% sul totale',
  ];
  const countSheet = (name: string, rows: EsfCountRow[], whole: number) => {
    const sheet = book.addWorksheet(name);
    sheet.addRow([`Operazione: ${operationLabel(report)}`]);
    sheet.addRow([`Periodo: dal ${report.query.from} al ${report.query.to}`]);
    sheet.addRow(header).font = { bold: true };
    for (const r of rows)
      sheet.addRow([r.code ?? '', r.label, ...countCells(r), whole > 0 ? r.total / whole : null]);
    sheet.getColumn(header.length).numFmt = '0.0%';
    sheet.getColumn(2).width = 70;
    return sheet;
  };
  countSheet('Indicatori di output', report.outputs, report.participants);
  countSheet('Indicatori di risultato', report.results, report.leavers);
  const guests = book.addWorksheet('Ospiti');
  guests.addRow(['Fascia di età', 'Ingressi di ospiti senza tessera']).font = { bold: true };
  for (const g of report.guests) guests.addRow([g.label, g.checkins]);
  guests.getColumn(1).width = 30;
  if (missing) {
    const sheet = book.addWorksheet('Dati mancanti');
    sheet.addRow(['Operazione', 'Partecipante', 'Ingresso', 'Uscita', 'Dati mancanti']).font = { bold: true };
    for (const m of missing)
      sheet.addRow([m.operationCode, m.name, m.entryDate, m.exitDate ?? '', m.fields.join(', ')]);
    sheet.getColumn(2).width = 30;
    sheet.getColumn(5).width = 80;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
