/** One CSV cell: numbers as they are, text quoted, with spreadsheet formulas neutralised (CSV injection). */
const csvCell = (v: string | number): string => {
  const s = String(v);
  return typeof v === 'number' ? s : `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/**
 * A CSV file the way Italian spreadsheets open it: semicolon-separated, CRLF lines, a BOM so the accents read as
 * UTF-8. The same rules as the dashboard's own CSV downloads (apps/dashboard/src/lib/csv.ts).
 */
export function csvFile(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
