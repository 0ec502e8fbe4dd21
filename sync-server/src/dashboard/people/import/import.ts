import type { PeopleImportRequest, PeopleImportResult, SessionUser } from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { recordAudit, userActor } from '../../../audit/audit-log';
import { ApiFailure } from '../../../http/api-failure';
import type { Database } from '../../../store/schema';
import { insertNewPeople } from './insert-people';
import { previewPeopleFile } from './preview';

/**
 * Imports a CSV file of people for `user`: checks it again (previewPeopleFile: the browser's preview proves
 * nothing), then, in one transaction, registers every row (insertNewPeople: the people form's rows, consent
 * and log) and records one audit entry `people.import` with the file's name and the counts, never personal
 * data. Throws ApiFailure `validation_failed` (details.errors: the preview's errors) when the file has any error:
 * then nothing is written.
 */
export async function importPeopleFile(
  db: Kysely<Database>,
  user: SessionUser,
  request: PeopleImportRequest,
  now = Date.now(),
): Promise<PeopleImportResult> {
  return db.transaction().execute(async (tx) => {
    const preview = await previewPeopleFile(tx, user, request);
    if (!preview.valid)
      throw new ApiFailure(
        'validation_failed',
        preview.errors.length === 1
          ? `il file ha un errore: nessuna persona importata (${preview.errors[0]?.message})`
          : `il file ha ${preview.errors.length} errori: nessuna persona importata`,
        { errors: preview.errors },
      );
    const visitorIds = await insertNewPeople(tx, preview.rows, user.id, now);
    const byHub: Record<string, number> = {};
    for (const row of preview.rows) byHub[row.hubId] = (byHub[row.hubId] ?? 0) + 1;
    const hubs = Object.keys(byHub);
    await recordAudit(
      tx,
      {
        actor: userActor(user),
        action: 'people.import',
        target: { type: 'people_import', id: ulid(now) },
        hubId: hubs.length === 1 ? hubs[0] : null,
        after: { fileName: request.fileName, created: visitorIds.length, byHub },
      },
      now,
    );
    return { created: visitorIds.length, visitorIds };
  });
}
