import type { Annulment, Checkin } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { chunks } from './delta';
import { projectCheckins } from './project-checkins';

async function checkinDocs(tx: Transaction<Database>, ids: string[]): Promise<Map<string, WrittenDocument>> {
  const found = new Map<string, WrittenDocument>();
  for (const part of chunks(ids))
    for (const row of await tx
      .selectFrom('documents')
      .select(['id', 'hub_id', 'body', 'deleted'])
      .where('collection', '=', 'checkins')
      .where('id', 'in', part)
      .execute())
      found.set(row.id, {
        id: row.id,
        hubId: row.hub_id,
        body: JSON.parse(row.body) as Record<string, unknown>,
        deleted: Number(row.deleted) === 1,
      });
  return found;
}

/**
 * Annulments → report_annulments, and the annulled check-ins taken out of the reports: projected as if the check-in
 * were deleted (projectCheckins' own path for a deleted check-in, which moves every aggregate, the duplicate marks
 * and the session's counts), while the check-in document stays as it was. An annulment the server deleted puts its
 * check-in back. The check-in projector also skips a check-in already annulled, whichever is projected first.
 */
export async function projectAnnulments(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  const checkins = await checkinDocs(
    tx,
    docs.map((d) => String((d.body as Annulment).checkinId)),
  );
  const reproject: WrittenDocument[] = [];
  for (const doc of docs) {
    const a = doc.body as Annulment;
    const checkin = checkins.get(a.checkinId);
    if (doc.deleted) {
      const removed = await tx
        .deleteFrom('report_annulments')
        .where('checkin_id', '=', a.checkinId)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0 && checkin) reproject.push(checkin);
      continue;
    }
    const c = checkin?.body as Checkin | undefined;
    await tx
      .insertInto('report_annulments')
      .values({
        checkin_id: a.checkinId,
        hub_id: a.hubId,
        session_id: c?.sessionId ?? null,
        card_id: c?.cardId ?? null,
        direction: c?.direction ?? null,
        checkin_at: c?.deviceTime ?? null,
        device_id: a.deviceId ?? null,
        annulled_by: a.annulledBy,
        reason: a.reason,
        annulled_at: a.annulledAt,
      })
      .onConflict((oc) => oc.column('checkin_id').doNothing())
      .execute();
    // an annulled check-in leaves the reports as a deleted one would
    if (checkin) reproject.push({ ...checkin, deleted: true });
  }
  if (reproject.length > 0) await projectCheckins(tx, reproject);
}
