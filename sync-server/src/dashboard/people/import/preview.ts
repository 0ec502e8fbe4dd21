import type { Hub, PeopleImportPreview, PeopleImportRequest, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { listDocuments } from '../../../store/documents';
import type { Database } from '../../../store/schema';
import { readCsvFile } from './csv-file';
import { duplicateIssues, knownPeople } from './duplicates';
import { checkRows, mapHeader } from './rows';

/**
 * The hubs `user` may register people at: null for every hub (the admin), else the hub lead's own (one or several). The one place
 * that says it for the import, as the create route says it for one person.
 */
function importableHubs(user: SessionUser): string[] | null {
  return user.role === 'hub_lead' ? user.hubIds : null;
}

/**
 * Reads and checks an uploaded CSV file of people for `user`: the rows as they will be created and every error,
 * in Italian, row by row (cells, then duplicates within the file and against the people `user` sees). Writes
 * nothing. `db` may be a transaction: the confirm checks the file again inside the one that writes it.
 */
export async function previewPeopleFile(
  db: Kysely<Database>,
  user: SessionUser,
  request: PeopleImportRequest,
): Promise<PeopleImportPreview> {
  const bytes = Buffer.from(request.contentBase64, 'base64');
  const file = readCsvFile(bytes);
  const answer = (fields: Omit<PeopleImportPreview, 'fileName' | 'valid'>): PeopleImportPreview => ({
    fileName: request.fileName,
    ...fields,
    valid: fields.errors.length === 0 && fields.rows.length > 0,
  });
  if (!file.ok) return answer({ encoding: file.encoding, separator: null, rows: [], errors: [file.error] });
  const header = mapHeader(file.header);
  if (header.errors.length > 0)
    return answer({ encoding: file.encoding, separator: file.separator, rows: [], errors: header.errors });
  const allowedHubIds = importableHubs(user);
  // one after the other: inside the confirm's transaction they share one connection
  const hubs = await listDocuments<Hub>(db, 'hubs');
  const known = await knownPeople(db, allowedHubIds);
  const checked = checkRows(file.records, header.index, { hubs, allowedHubIds });
  const duplicates = duplicateIssues(checked.rows, known);
  const duplicateRows = new Set(duplicates.map((d) => d.row));
  const errors = [...checked.errors, ...duplicates].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return answer({
    encoding: file.encoding,
    separator: file.separator,
    rows: checked.rows.filter((r) => !duplicateRows.has(r.row)),
    errors,
  });
}
