import { PEOPLE_IMPORT_COLUMNS } from '@vigevano/protocol';

/**
 * The import template: the header line only (an example row would be imported by whoever forgets to delete it),
 * `;`-separated with a UTF-8 BOM, which is what Italian Excel opens as columns and saves back.
 */
export function templateCsv(): string {
  return `\uFEFF${PEOPLE_IMPORT_COLUMNS.map((c) => c.header).join(';')}\r\n`;
}
