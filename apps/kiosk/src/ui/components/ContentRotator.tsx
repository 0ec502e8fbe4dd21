import type { Content, Language } from '@vigevano/protocol';
import { contentLanguage } from '@vigevano/signage';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../i18n';
import shared from '../shared.module.css';
import { ContentMediaView } from './ContentMediaView';
import styles from './ContentRotator.module.css';
import { rotationInterval } from './rotation-interval';
import { useProofOfPlay } from './use-proof-of-play';

/**
 * The info screens, one at a time, in the visitor's language when the item has it, else the fallback of
 * contentLanguage (Italian, then the first language the item has), marked with its own `lang` and `dir` so an
 * Italian fallback reads left to right inside the mirrored Arabic screen. A visible button pauses the rotation
 * (WCAG 2.2.2); the accessibility mode slows it down.
 */
export function ContentRotator({
  items,
  language,
  slow,
}: {
  items: Content[];
  language: Language;
  slow: boolean;
}) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const intervalMs = rotationInterval(slow);
  useEffect(() => {
    if (paused || items.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % items.length), intervalMs);
    return () => clearInterval(timer);
  }, [paused, items.length, intervalMs]);

  const item = items.length > 0 ? (items[index % items.length] as Content) : undefined;
  useProofOfPlay(item);

  if (!item) return <section className={styles.content} />;
  const shown = contentLanguage(item.title, item.body, language);
  return (
    <section
      className={item.media ? `${styles.content} ${styles.withMedia}` : styles.content}
      aria-roledescription={t('carousel')}
      aria-label={t(`content_${item.kind}`)}
    >
      {item.media ? <ContentMediaView media={item.media} /> : null}
      <h2 lang={shown} dir={directionOf(shown)}>
        {item.title[shown]}
      </h2>
      <p lang={shown} dir={directionOf(shown)}>
        {item.body[shown]}
      </p>
      <div className={styles.controls}>
        {/* "1 / 5" is a number pair, not words: left to right also in Arabic, where it would read "5 / 1". */}
        <span aria-hidden="true" dir="ltr">
          {(index % items.length) + 1} / {items.length}
        </span>
        {items.length > 1 ? (
          <button
            type="button"
            className={shared.secondary}
            onClick={() => setPaused((p) => !p)}
            aria-pressed={paused}
          >
            {paused ? t('resume') : t('pause')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
