import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AGE_BANDS, CONTENT_KINDS, LANGUAGES } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import ar from '../../../../resources/translations/ar.json';
import en from '../../../../resources/translations/en.json';
import es from '../../../../resources/translations/es.json';
import fr from '../../../../resources/translations/fr.json';
import italian from '../../../../resources/translations/it.json';
import ro from '../../../../resources/translations/ro.json';
import sq from '../../../../resources/translations/sq.json';
import uk from '../../../../resources/translations/uk.json';
import zh from '../../../../resources/translations/zh.json';
import { hardCodedText } from './test-support/hard-coded-text';

// Issue 16 item 2: every visitor-facing string exists in every language. Read as plain records, not through the
// `typeof it` type the apps give them, so a key missing from a file is a failing test, never a silent fallback.
const FILES: Record<string, { ui: Record<string, string>; checkin: Record<string, string> }> = {
  it: italian,
  en,
  ar,
  fr,
  es,
  ro,
  sq,
  uk,
  zh,
};
const UI_DIR = import.meta.dirname;
/** Screens only staff see (facilitator mode, enrolling the kiosk): Italian by design, not scanned. */
const STAFF_ONLY = [/^screens\/facilitator\//, /^screens\/EnrolmentScreen\.tsx$/, /^enrolment\//];

function sources(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path, ext);
    return ext.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
const visitorComponents = sources(UI_DIR, /\.tsx$/).filter(
  (path) => !STAFF_ONLY.some((rule) => rule.test(relative(UI_DIR, path))),
);

describe('translation files', () => {
  it('every language has exactly the keys of Italian, in the UI and in the hub answers', () => {
    expect(Object.keys(FILES).sort()).toEqual([...LANGUAGES].sort());
    for (const section of ['ui', 'checkin'] as const) {
      const reference = Object.keys(FILES.it?.[section] ?? {});
      for (const language of LANGUAGES) {
        const keys = Object.keys(FILES[language]?.[section] ?? {});
        const missing = reference.filter((key) => !keys.includes(key));
        const extra = keys.filter((key) => !reference.includes(key));
        expect({ missing, extra }, `${language}.json "${section}"`).toEqual({ missing: [], extra: [] });
      }
    }
  });

  it('every key the UI asks for exists in Italian (and so, by the test above, in every language)', () => {
    const ui = FILES.it?.ui ?? {};
    const asked = new Set<string>();
    for (const file of sources(UI_DIR, /\.tsx?$/))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z_]+)'/g))
        asked.add(m[1] as string);
    // Keys built from a value: every value of the list they come from.
    for (const band of AGE_BANDS) asked.add(`age_${band}`);
    for (const kind of CONTENT_KINDS) asked.add(`content_${kind}`);
    expect(asked.size).toBeGreaterThan(20);
    expect([...asked].filter((key) => !(key in ui))).toEqual([]);
  });
});

describe('hard-coded visitor-facing text', () => {
  it('finds Italian written into JSX, into a shown expression and into a read attribute', () => {
    const sample = `export const A = ({ online, n }) => (
      <footer aria-label="Stato" className="x">
        Avvio del totem…
        {online ? 'In linea' : 'Non in linea'}
        {\`ultimo aggiornamento \${n}\`}
        <span title={'Anteprima'}>·</span>
        {t('prompt')} {n === 'in' ? <b>{t('answerIn')}</b> : null} <i dir="auto">–</i>
      </footer>
    );`;
    expect(hardCodedText('sample.tsx', sample).map((f) => f.text)).toEqual([
      'Stato',
      'Avvio del totem…',
      'In linea',
      'Non in linea',
      'ultimo aggiornamento',
      'Anteprima',
    ]);
  });

  it('no visitor-facing component writes text of its own: it all comes from the language files', () => {
    expect(visitorComponents.length).toBeGreaterThan(8);
    const found = visitorComponents.flatMap((file) =>
      hardCodedText(relative(UI_DIR, file), readFileSync(file, 'utf8')),
    );
    expect(found).toEqual([]);
  });
});
