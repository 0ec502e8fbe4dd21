import { type Card, encodeCardToken, type Language, shortCodeOf } from '@vigevano/protocol';
import { ulid } from 'ulid';
import type { KioskDatabase } from '../database/open';
import type { KioskIdentity } from '../identity';
import { heldShortCodes } from './short-codes';

export interface IssuedCard {
  card: Card;
  /** the signed token for the QR code */
  token: string;
}

/**
 * Cards issued offline by this kiosk with its own device key (a facilitator's action): a new visitor, or a
 * replacement for a lost card that keeps the visitor (the old card is revoked in the same step). Revocations
 * travel to every kiosk by sync.
 */
export class CardIssuer {
  constructor(
    private readonly db: KioskDatabase,
    private readonly identity: KioskIdentity,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(input: { alias: string; language: Language; visitorId?: string }): Promise<IssuedCard> {
    const now = this.now();
    // A typed short code must name one card: draw the id again while its code is one a card here has already
    // (about once in 10^9 issues at a hub of 10,000 cards; cards of other kiosks met later are caught at lookup).
    const taken = await heldShortCodes(this.db);
    let id = ulid(now);
    while (taken.has(shortCodeOf(id))) id = ulid(now);
    // Encode first: it checks alias and language and throws a RangeError naming the problem, before anything is stored.
    const token = encodeCardToken(
      { cardId: id, alias: input.alias, language: input.language, issuedAt: now },
      this.identity,
    );
    const card: Card = {
      id,
      hubId: this.identity.hubId,
      visitorId: input.visitorId ?? ulid(now),
      alias: input.alias.trim(),
      language: input.language,
      issuer: this.identity.deviceId,
      issuedAt: now,
      revoked: false,
      role: 'visitor',
      updatedAt: now,
    };
    await this.db.cards.insert(card);
    return { card, token };
  }

  /** A new card for the same visitor; the lost one stops working here at once and everywhere after sync. */
  async reissue(cardId: string, input: { alias?: string; language?: Language } = {}): Promise<IssuedCard> {
    const old = await this.db.cards.findOne(cardId).exec();
    if (!old) throw new CardNotFound(cardId);
    const issued = await this.issue({
      alias: input.alias ?? old.alias,
      language: input.language ?? old.language,
      visitorId: old.visitorId,
    });
    await this.revoke(cardId, 'reissued');
    return issued;
  }

  async revoke(cardId: string, reason: 'lost' | 'reissued' | 'other'): Promise<Card> {
    const doc = await this.db.cards.findOne(cardId).exec();
    if (!doc) throw new CardNotFound(cardId);
    const now = this.now();
    const updated = await doc.incrementalPatch({
      revoked: true,
      revokedAt: now,
      revokedReason: reason,
      updatedAt: now,
    });
    return updated.toJSON() as Card;
  }

  /** The token of a card this kiosk (or the server) issued, to print it again. */
  tokenFor(card: Card): string | undefined {
    // Only our own key signs here; a card of the server or another kiosk is reprinted by its issuer.
    if (card.issuer !== this.identity.deviceId) return undefined;
    return encodeCardToken(
      { cardId: card.id, alias: card.alias, language: card.language, issuedAt: card.issuedAt },
      this.identity,
    );
  }
}

export class CardNotFound extends Error {
  override name = 'CardNotFound';
  constructor(readonly cardId: string) {
    super(`tessera ${cardId} non trovata su questo totem`);
  }
}
