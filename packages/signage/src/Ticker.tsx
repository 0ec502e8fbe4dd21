import type { Content, Language } from '@vigevano/protocol';
import { contentLanguage } from './content-language';
import { directionOf } from './direction';
import styles from './ItemView.module.css';
import type { SignageText } from './text';

/**
 * The zones layout's bottom line: the other items' titles, each in its own fallback language. It does not scroll:
 * text that moves for more than five seconds must be pausable (WCAG 2.2.2), and a visitor reading a second
 * language needs the words to stand still; what does not fit is clipped at a title's end.
 */
export function Ticker({
  items,
  language,
  text,
}: {
  items: Content[];
  language: Language;
  text: SignageText;
}) {
  if (items.length === 0) return null;
  return (
    <section className={styles.ticker} aria-label={text.ticker}>
      <ul>
        {items.map((item) => {
          const shown = contentLanguage(item.title, item.body, language);
          return (
            <li key={item.id} lang={shown} dir={directionOf(shown)}>
              {item.title[shown]}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
