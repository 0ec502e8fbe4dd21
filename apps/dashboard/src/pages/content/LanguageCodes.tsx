import type { Language } from '@vigevano/protocol';
import { LANGUAGE_LABEL } from '../../lib/languages';

/**
 * Languages as short codes (`AR`), each with its name as a tooltip for the eye and as text for screen readers
 * (a `title` alone is not read by every screen reader).
 */
export function LanguageCodes({ languages }: { languages: readonly Language[] }) {
  return (
    <span className="language-codes">
      {languages.map((l) => (
        <span key={l} className="language-code" title={LANGUAGE_LABEL[l]}>
          <span aria-hidden="true">{l.toUpperCase()}</span>
          <span className="visually-hidden">{LANGUAGE_LABEL[l]}</span>
        </span>
      ))}
    </span>
  );
}
