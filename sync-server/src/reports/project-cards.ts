import type { Card } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import type { WrittenDocument } from '../store/projections';
import type { Database } from '../store/schema';
import { ReportDelta } from './delta';
import { recomputeVisitors } from './visitors';

/**
 * Cards → report_cards. A check-in names a card; reports count visitors (a reissued card keeps its visitor). When
 * a card syncs after its check-ins, or names another visitor, those check-ins move to the right visitor.
 */
export async function projectCards(tx: Transaction<Database>, docs: WrittenDocument[]): Promise<void> {
  const delta = new ReportDelta();
  const visitors = new Set<string>();
  for (const doc of docs) {
    if (doc.deleted) {
      await tx.deleteFrom('report_cards').where('card_id', '=', doc.id).execute();
      continue;
    }
    const c = doc.body as Card;
    const row = {
      visitor_id: c.visitorId,
      hub_id: c.hubId,
      alias: c.alias,
      alias_key: c.alias.toLowerCase(),
      language: c.language,
      issuer: c.issuer,
      issued_at: c.issuedAt,
      revoked: c.revoked ? 1 : 0,
      revoked_at: c.revokedAt ?? null,
      revoked_reason: c.revokedReason ?? null,
    };
    await tx
      .insertInto('report_cards')
      .values({ card_id: c.id, ...row })
      .onConflict((oc) => oc.column('card_id').doUpdateSet(row))
      .execute();
    const misfiled = await tx
      .selectFrom('report_checkins')
      .select('visitor_id')
      .distinct()
      .where('card_id', '=', c.id)
      .where('visitor_id', '<>', c.visitorId)
      .execute();
    if (misfiled.length === 0) continue;
    for (const m of misfiled) if (m.visitor_id) visitors.add(m.visitor_id);
    visitors.add(c.visitorId);
    await tx
      .updateTable('report_checkins')
      .set({ visitor_id: c.visitorId })
      .where('card_id', '=', c.id)
      .execute();
  }
  await recomputeVisitors(tx, visitors, delta);
  await delta.flush(tx);
}
