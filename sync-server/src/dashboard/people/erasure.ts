import { type Card, type Enrolment, ERASED_ALIAS } from '@vigevano/protocol';
import type { Transaction } from 'kysely';
import { getDocument, putDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';

/**
 * Takes an erased visitor's card aliases out of everything that holds them, in the caller's transaction:
 * - the card documents, revoked (the first revocation is kept) and with ERASED_ALIAS: written by the server like
 *   any other change, so every kiosk receives them through normal replication, refuses the card and holds no alias
 *   (the cards merge rule keeps the server's identity fields, so a kiosk's older copy cannot bring it back);
 * - the roster entries (enrolment documents) of those cards, alias emptied, for the kiosks of their hubs;
 * - the report tables that copy them (report_cards, report_enrolments), at once, not at the feed's next catch-up.
 * Returns how many cards were erased. The document writes wake the kiosks' streams when `tx` commits.
 */
export async function eraseCardAliases(
  tx: Transaction<Database>,
  visitorId: string,
  now: number,
): Promise<{ cards: number }> {
  const cardIds = (
    await tx.selectFrom('report_cards').select('card_id').where('visitor_id', '=', visitorId).execute()
  ).map((c) => c.card_id);
  if (cardIds.length === 0) return { cards: 0 };

  const cards: Card[] = [];
  for (const id of cardIds) {
    const card = await getDocument<Card>(tx, 'cards', id);
    if (!card) continue;
    cards.push({
      ...card,
      alias: ERASED_ALIAS,
      revoked: true,
      revokedAt: card.revoked ? card.revokedAt : now,
      revokedReason: card.revoked ? card.revokedReason : 'erased',
      updatedAt: Math.max(now, card.updatedAt + 1),
    });
  }
  await putDocuments(
    tx,
    cards.map((c) => ({ collection: 'cards', hubId: c.hubId, at: c.issuedAt, body: c })),
  );

  const enrolmentIds = (
    await tx.selectFrom('report_enrolments').select('id').where('card_id', 'in', cardIds).execute()
  ).map((e) => e.id);
  const enrolments: Enrolment[] = [];
  for (const id of enrolmentIds) {
    const enrolment = await getDocument<Enrolment>(tx, 'enrolments', id);
    if (enrolment && enrolment.alias !== '')
      enrolments.push({ ...enrolment, alias: '', updatedAt: Math.max(now, enrolment.updatedAt + 1) });
  }
  await putDocuments(
    tx,
    enrolments.map((e) => ({ collection: 'enrolments', hubId: e.hubId, at: null, body: e })),
  );

  await tx
    .updateTable('report_cards')
    .set({ alias: ERASED_ALIAS, alias_key: ERASED_ALIAS.toLowerCase(), revoked: 1 })
    .where('card_id', 'in', cardIds)
    .execute();
  await tx.updateTable('report_enrolments').set({ alias: '' }).where('card_id', 'in', cardIds).execute();

  return { cards: cards.length };
}
