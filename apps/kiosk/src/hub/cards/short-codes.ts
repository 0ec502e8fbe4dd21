import { shortCodeOf } from '@vigevano/protocol';
import type { KioskDatabase } from '../database/open';

/**
 * The ids of the cards this kiosk holds whose short code (packages/protocol/src/cards/short-code.ts) is `code`
 * (10 symbols, no dashes). The code is derived from the id, not stored, so this reads every card: a typed code
 * is rare, and a hub's few thousand cards take milliseconds. More than one id means the code is ambiguous here.
 */
export async function cardIdsWithShortCode(db: KioskDatabase, code: string): Promise<string[]> {
  const cards = await db.cards.find().exec();
  return cards.map((c) => c.id).filter((id) => shortCodeOf(id) === code);
}

/** The short codes of every card this kiosk holds: a new card's id is drawn again while its code is among them. */
export async function heldShortCodes(db: KioskDatabase): Promise<Set<string>> {
  const cards = await db.cards.find().exec();
  return new Set(cards.map((c) => shortCodeOf(c.id)));
}
