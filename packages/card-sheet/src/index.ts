import QRCode from 'qrcode';
import { escapeHtml } from './escape-html';

export interface PrintableCard {
  /** the signed card token the QR code holds */
  token: string;
  alias: string;
  hubName: string;
  /** shown small under the QR so staff can type it when a card will not scan */
  cardId: string;
}

export interface CardSheetOptions {
  /** the page's title (the browser shows it; printing ignores it) */
  title: string;
  /** the sheet's language for the HTML `lang` attribute */
  lang?: string;
  /** a line printed on every card, e.g. "Mostra questa tessera al totem" */
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
  grid-template-columns: 44mm 1fr; gap: 3mm; align-items: center; overflow: hidden; }
.card svg { width: 44mm; height: 44mm; }
.alias { font-size: 16pt; font-weight: 700; overflow-wrap: anywhere; }
.hub { font-size: 9pt; margin-top: 2mm; }
.instruction { font-size: 8pt; margin-top: 2mm; color: #333; }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: 6pt; margin-top: 2mm; color: #555; overflow-wrap: anywhere; }
`;

async function renderCard(card: PrintableCard, instruction: string): Promise<string> {
  // Level M: the corner of a card can wear away and the code still reads; the token stays within version 10.
  const svg = await QRCode.toString(card.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // The token also sits in an attribute: tests and screen readers can read what the QR code says.
  return `<article class="card" data-card-id="${escapeHtml(card.cardId)}" data-token="${escapeHtml(card.token)}">
  ${svg}
  <div><div class="alias" dir="auto">${escapeHtml(card.alias)}</div>
  <div class="hub">${escapeHtml(card.hubName)}</div>
  <div class="instruction">${escapeHtml(instruction)}</div>
  <div class="id">${escapeHtml(card.cardId)}</div></div>
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
