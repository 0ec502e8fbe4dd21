import { describe, expect, it } from 'vitest';
import { renderCardSheetHtml } from './index';

const card = (i: number) => ({
  token: `VG1:TEST${i}`,
  alias: `Visitatore ${i}`,
  hubName: 'Hub Cavallerizza',
  cardId: `01JDCARD00000000000000${String(i).padStart(4, '0')}`,
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
