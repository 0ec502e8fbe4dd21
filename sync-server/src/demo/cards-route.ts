import { renderCardSheetHtml } from '@vigevano/card-sheet';
import {
  type Card,
  encodeCardToken,
  formatShortCode,
  type Hub,
  SERVER_ISSUER,
  type SigningKeyPair,
  shortCodeOf,
} from '@vigevano/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/database';
import { listDocuments } from '../store/documents';

/**
 * /demo/cards: the demo visitors' cards as a printable A4 sheet, to print or to hold a phone showing it in
 * front of a kiosk's camera. Only with DEMO_CITY (refused in production). Ed25519 signatures are deterministic,
 * so signing again with the server's key gives the very tokens a real issue would have printed.
 */
export const demoCardsPlugin: FastifyPluginAsync<{ store: Store; serverKey: SigningKeyPair }> = async (
  app,
  { store, serverKey },
) => {
  app.get('/demo/cards', async (_request, reply) => {
    const hubs = new Map((await listDocuments<Hub>(store.db, 'hubs')).map((h) => [h.id, h.name]));
    const cards = (await listDocuments<Card>(store.db, 'cards')).filter(
      (c) => c.issuer === SERVER_ISSUER && !c.revoked,
    );
    const printable = cards
      .map((card) => ({
        token: encodeCardToken(
          { cardId: card.id, alias: card.alias, language: card.language, issuedAt: card.issuedAt },
          serverKey,
        ),
        alias: card.alias,
        hubName: hubs.get(card.hubId) ?? '',
        cardId: card.id,
        shortCode: formatShortCode(shortCodeOf(card.id)),
      }))
      .sort((a, b) => a.hubName.localeCompare(b.hubName, 'it') || a.alias.localeCompare(b.alias, 'it'));
    const html = await renderCardSheetHtml(printable, {
      title: `Tessere demo (${printable.length})`,
      instruction: 'Mostra questa tessera al totem · Show this card to the kiosk',
    });
    // The sheet is one self-contained document with its own <style>: allow that, and nothing else inline.
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .type('text/html; charset=utf-8')
      .send(html);
  });
};
