import {
  type Card,
  encodeCardToken,
  type IssuedCard,
  type NewCardRequest,
  SERVER_ISSUER,
  type SigningKeyPair,
} from '@vigevano/protocol';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { ulid } from 'ulid';
import { ApiFailure } from '../../http/api-failure';
import { getDocument, putDocuments } from '../../store/documents';
import type { Database } from '../../store/schema';

/** A card issued at the desk, signed by the server's key like every server-issued card. */
export async function issueCard(
  db: Kysely<Database>,
  visitorId: string,
  hubId: string,
  request: NewCardRequest,
  serverKey: SigningKeyPair,
  now = Date.now(),
): Promise<IssuedCard> {
  const card: Card = {
    id: ulid(now),
    hubId,
    visitorId,
    alias: request.alias.trim(),
    language: request.language,
    issuer: SERVER_ISSUER,
    issuedAt: now,
    revoked: false,
    updatedAt: now,
  };
  await putDocuments(db, [{ collection: 'cards', hubId, at: now, body: card }]);
  const token = encodeCardToken(
    { cardId: card.id, alias: card.alias, language: card.language, issuedAt: card.issuedAt },
    serverKey,
  );
  return {
    card: {
      id: card.id,
      hubId,
      hubName: '',
      alias: card.alias,
      language: card.language,
      issuer: card.issuer,
      issuedAt: now,
      revoked: false,
      revokedReason: null,
    },
    token,
    qrSvg: await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  };
}

/**
 * Revokes cards: kiosks refuse them once the revocation has synced. Cards are city-wide documents, so every
 * kiosk hears of it. Already revoked cards are left as they are.
 */
export async function revokeCards(
  db: Kysely<Database>,
  cardIds: string[],
  reason: 'lost' | 'erased' | 'other',
  now = Date.now(),
): Promise<{ count: number }> {
  const revoked: Card[] = [];
  for (const id of cardIds) {
    const card = await getDocument<Card>(db, 'cards', id);
    if (!card) throw new ApiFailure('not_found', `tessera ${id} non trovata`);
    if (card.revoked) continue;
    revoked.push({
      ...card,
      revoked: true,
      revokedAt: now,
      revokedReason: reason,
      updatedAt: Math.max(now, card.updatedAt + 1),
    });
  }
  if (revoked.length === 0) return { count: 0 };
  await putDocuments(
    db,
    revoked.map((c) => ({ collection: 'cards', hubId: c.hubId, at: c.issuedAt, body: c })),
  );
  // Kiosks hear of it when the caller's transaction commits (store/change-events.ts).
  return { count: revoked.length };
}
