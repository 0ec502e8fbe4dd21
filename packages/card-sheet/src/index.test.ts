import { describe, expect, it } from 'vitest';
import { renderCardSheetHtml } from './index';

const card = (i: number) => ({
  token: `VG1:TEST${i}`,
  alias: `Visitatore ${i}`,
  hubName: 'Hub Cavallerizza',
  cardId: `01JDCARD00000000000000${String(i).padStart(4, '0')}`,
  shortCode: `K7M-4QX-${String(i).padStart(4, '9')}`,
});
const options = { title: 'Tessere', instruction: 'Mostra questa tessera al totem' };

describe('card sheet', () => {
  it('puts ten cards on each A4 page, each with its QR code, alias, hub and id', async () => {
    const html = await renderCardSheetHtml(
      Array.from({ length: 23 }, (_, i) => card(i)),
      options,
    );
    expect(html.match(/<section class="page">/g)).toHaveLength(3);
    expect(html.match(/<article class="card"/g)).toHaveLength(23);
    expect(html.match(/<svg /g)).toHaveLength(23);
    expect(html).toContain('Visitatore 22');
    expect(html).toContain('01JDCARD000000000000000022');
    expect(html).toContain('size: A4');
  });

  it('prints the short code under the QR, at 12 pt, and each instruction line in its own language', async () => {
    const html = await renderCardSheetHtml(
      [
        {
          ...card(7),
          instruction: [
            { lang: 'ar', text: 'أظهر هذه البطاقة للجهاز.' },
            { lang: 'it', text: 'Mostra questa tessera al totem.' },
          ],
        },
        card(8),
      ],
      options,
    );
    // Under the QR: in the QR's own block, right after its SVG.
    expect(html).toMatch(
      /<div class="qr"><svg [\s\S]*?<\/svg>\s*<div class="code">K7M-4QX-9997<\/div><\/div>/,
    );
    expect(html).toMatch(/\.code \{[^}]*font-size: 12pt/);
    expect(html).toContain('<p class="instruction" dir="auto" lang="ar">أظهر هذه البطاقة للجهاز.</p>');
    expect(html).toContain('<p class="instruction" dir="auto" lang="it">Mostra questa tessera al totem.</p>');
    // A card with no instruction of its own gets the sheet's.
    expect(html.match(/Mostra questa tessera al totem<\/p>/g)).toHaveLength(1);
  });

  it('prints aliases and hub names as text, never as markup', async () => {
    const html = await renderCardSheetHtml(
      [{ ...card(1), alias: '<script>alert(1)</script>', hubName: 'Hub "A" & B' }],
      options,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Hub &quot;A&quot; &amp; B');
  });
});
