import { renderCardSheetHtml } from '@vigevano/card-sheet';
import { type Card, DEFAULT_LANGUAGE, formatShortCode, shortCodeOf } from '@vigevano/protocol';
import { TRANSLATIONS } from '../i18n/translations';

/**
 * One card's printable sheet (A4, the card at the top left): the QR of `token`, the short code under it, the
 * alias, the hub, and the instruction in the card's language and in Italian (staff read Italian; once when the
 * card is Italian).
 */
export function cardSheetHtml(card: Card, token: string, hubName: string): Promise<string> {
  const languages = card.language === DEFAULT_LANGUAGE ? [card.language] : [card.language, DEFAULT_LANGUAGE];
  return renderCardSheetHtml(
    [
      {
        token,
        alias: card.alias,
        hubName,
        cardId: card.id,
        shortCode: formatShortCode(shortCodeOf(card.id)),
        instruction: languages.map((lang) => ({ lang, text: TRANSLATIONS[lang].ui.cardInstruction })),
      },
    ],
    { title: `Tessera ${card.alias}`, instruction: TRANSLATIONS[DEFAULT_LANGUAGE].ui.cardInstruction },
  );
}
