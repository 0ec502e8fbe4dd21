import type { Content } from '@vigevano/protocol';
import { useEffect, useState } from 'react';

const KIND_LABEL = {
  news: 'Notizie',
  opportunity: 'Opportunità',
  directions: 'Come arrivare',
  notice: 'Avviso',
} as const;

/**
 * The info screens, one at a time, changing every `intervalMs`. A visible button pauses the rotation
 * (WCAG 2.2.2: moving content that lasts more than five seconds can be paused).
 */
export function ContentRotator({ items, intervalMs = 8_000 }: { items: Content[]; intervalMs?: number }) {
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused || items.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % items.length), intervalMs);
    return () => clearInterval(timer);
  }, [paused, items.length, intervalMs]);

  if (items.length === 0) return null;
  const item = items[index % items.length] as Content;
  return (
    <section className="content" aria-roledescription="carosello" aria-label="Informazioni">
      <p className="content-kind">{KIND_LABEL[item.kind]}</p>
      <h2 lang="it">{item.title.it}</h2>
      <p lang="it">{item.body.it}</p>
      {item.title.en ? (
        <p className="translation" lang="en">
          {item.title.en} — {item.body.en}
        </p>
      ) : null}
      <div className="content-controls">
        <span aria-hidden="true">
          {(index % items.length) + 1} / {items.length}
        </span>
        {items.length > 1 ? (
          <button type="button" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
            {paused ? 'Riprendi' : 'Pausa'}
          </button>
        ) : null}
      </div>
    </section>
  );
}
