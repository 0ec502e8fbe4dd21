import { CONTENT_FALLBACK_ORDER, hasContentLanguage, LANGUAGES, type Language } from '@vigevano/protocol';
import { useState } from 'react';
import { Field, FieldGroup } from '../../components/Field';
import { LANGUAGE_LABEL } from '../../lib/languages';

/** An item's title and text in each visitor language, as the form edits them (blank: not written). */
export type LanguageTexts = Partial<Record<Language, string>>;

/**
 * The title and text of an item in the 9 visitor languages: Italian always shown (required), one other language
 * at a time, chosen from a row that marks each language as filled (title and text) or missing, so a coordinator
 * sees at once which visitors read the item in their own language and which get the fallback.
 */
export function LanguageFields({
  title,
  body,
  onChange,
}: {
  title: LanguageTexts;
  body: LanguageTexts;
  onChange: (change: { title?: LanguageTexts; body?: LanguageTexts }) => void;
}) {
  const [other, setOther] = useState<Language>('en');
  const filled = (l: Language) => hasContentLanguage({ it: '', ...title }, { it: '', ...body }, l);
  const fields = (l: Language, required: boolean) => (
    <>
      <Field label={`Titolo (${LANGUAGE_LABEL[l]})`} path={`/title/${l}`}>
        <input
          value={title[l] ?? ''}
          required={required}
          maxLength={2000}
          lang={l}
          dir={l === 'ar' ? 'rtl' : undefined}
          onChange={(e) => onChange({ title: { ...title, [l]: e.target.value } })}
        />
      </Field>
      <Field label={`Testo (${LANGUAGE_LABEL[l]})`} path={`/body/${l}`}>
        <textarea
          value={body[l] ?? ''}
          required={required}
          rows={3}
          maxLength={2000}
          lang={l}
          dir={l === 'ar' ? 'rtl' : undefined}
          onChange={(e) => onChange({ body: { ...body, [l]: e.target.value } })}
        />
      </Field>
    </>
  );
  return (
    <>
      {fields('it', true)}
      <FieldGroup legend="Lingue per i visitatori">
        <p className="muted">
          Chi non trova titolo e testo nella sua lingua legge il contenuto in{' '}
          {LANGUAGE_LABEL[CONTENT_FALLBACK_ORDER[0] ?? 'it']}.
        </p>
        <div className="language-tabs">
          {LANGUAGES.filter((l) => l !== 'it').map((l) => (
            <button
              key={l}
              type="button"
              className={`language-tab ${filled(l) ? 'filled' : 'missing'}`}
              aria-pressed={other === l}
              title={`${LANGUAGE_LABEL[l]}: ${filled(l) ? 'compilata' : 'manca'}`}
              onClick={() => setOther(l)}
            >
              <span aria-hidden="true">
                {filled(l) ? '✓ ' : ''}
                {l.toUpperCase()}
              </span>
              <span className="visually-hidden">
                {LANGUAGE_LABEL[l]}, {filled(l) ? 'compilata' : 'manca'}
              </span>
            </button>
          ))}
        </div>
      </FieldGroup>
      {fields(other, false)}
    </>
  );
}

/** The texts as the API takes them: Italian always, other languages only when written. */
export function localizedInput(texts: LanguageTexts): { it: string } & LanguageTexts {
  const out: { it: string } & LanguageTexts = { it: texts.it ?? '' };
  for (const l of LANGUAGES) if (l !== 'it' && texts[l]?.trim()) out[l] = texts[l];
  return out;
}
