import QRCode from 'qrcode';
import { escapeHtml } from './escape-html';

/** A line of the card's instruction in one language (`lang` is a BCP 47 tag, e.g. `ar`). */
export interface InstructionLine {
  lang: string;
  text: string;
}

export interface PrintableCard {
  /** the signed card token the QR code holds */
  token: string;
  alias: string;
  hubName: string;
  /** the card id: kept in the card's `data-card-id` (tests and staff tools read it), not printed */
  cardId: string;
  /**
   * the short code to type when the QR will not scan, in its printed groups (`K7M-4QX-9PWC`, see
   * packages/protocol/src/cards/short-code.ts): printed at 12 pt under the QR
   */
  shortCode: string;
  /** the instruction in the card's language and in Italian (one line if they are the same); default: the sheet's */
  instruction?: InstructionLine[];
}

export interface CardSheetOptions {
  /** the page's title (the browser shows it; printing ignores it) */
  title: string;
  /** the sheet's language for the HTML `lang` attribute */
  lang?: string;
  /** the line printed on a card that brings no instruction of its own, e.g. "Mostra questa tessera al totem" */
  instruction: string;
}

/** Credit-card size cards, 2 × 5 on an A4 page, with cutting margins: what a hub's office printer handles. */
const CARDS_PER_PAGE = 10;

const STYLE = `
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #111; }
.page { display: grid; grid-template-columns: repeat(2, 85.6mm); grid-auto-rows: 54mm; gap: 3mm 8mm;
  justify-content: center; page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.card { border: 0.3mm dashed #888; border-radius: 3mm; padding: 3mm; display: grid;
  grid-template-columns: 40mm 1fr; gap: 3mm; align-items: center; overflow: hidden; }
.qr { display: grid; justify-items: center; }
.qr svg { width: 40mm; height: 40mm; display: block; }
/* 12 pt, right under the QR: the code a visitor types when the QR will not scan. */
.code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 12pt; font-weight: 700;
  letter-spacing: 0.04em; line-height: 1.1; white-space: nowrap; direction: ltr; unicode-bidi: isolate; }
.alias { font-size: 16pt; font-weight: 700; overflow-wrap: anywhere; }
.hub { font-size: 9pt; margin-top: 1.5mm; }
.instruction { font-size: 7pt; line-height: 1.2; margin-top: 1.5mm; color: #333; }
/* On screen (the kiosk's preview) the cards start at the left edge: centred, a frame narrower than the page
   would cut off the QR, which is on the left. */
@media screen { body { padding: 2mm; } .page { grid-template-columns: repeat(auto-fill, 85.6mm); justify-content: start; } }
`;

async function renderCard(card: PrintableCard, instruction: string): Promise<string> {
  // Level M: the corner of a card can wear away and the code still reads; the token stays within version 10.
  const svg = await QRCode.toString(card.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const lines = card.instruction?.length ? card.instruction : [{ lang: '', text: instruction }];
  const instructions = lines
    .map(
      (line) =>
        `<p class="instruction" dir="auto"${line.lang ? ` lang="${escapeHtml(line.lang)}"` : ''}>${escapeHtml(line.text)}</p>`,
    )
    .join('\n  ');
  // The token also sits in an attribute: tests and screen readers can read what the QR code says.
  return `<article class="card" data-card-id="${escapeHtml(card.cardId)}" data-token="${escapeHtml(card.token)}">
  <div class="qr">${svg}
  <div class="code">${escapeHtml(card.shortCode)}</div></div>
  <div><div class="alias" dir="auto">${escapeHtml(card.alias)}</div>
  <div class="hub">${escapeHtml(card.hubName)}</div>
  ${instructions}</div>
</article>`;
}

/** A printable HTML document (A4, several cards per page), complete and self-contained: no external resources. */
export async function renderCardSheetHtml(
  cards: PrintableCard[],
  options: CardSheetOptions,
): Promise<string> {
  const rendered = await Promise.all(cards.map((c) => renderCard(c, options.instruction)));
  const pages: string[] = [];
  for (let i = 0; i < rendered.length; i += CARDS_PER_PAGE) {
    pages.push(`<section class="page">${rendered.slice(i, i + CARDS_PER_PAGE).join('\n')}</section>`);
  }
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'it')}"><head><meta charset="utf-8">
<title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head>
<body>${pages.join('\n')}</body></html>`;
}

export { escapeHtml };
