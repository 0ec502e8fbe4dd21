import type { Content } from '@vigevano/protocol';
import { useEffect, useState } from 'react';
import styles from './ContentRotator.module.css';

type Media = NonNullable<Content['media']>;

/** The file of `media` for a screen of `shape` (data-shape on <html>): its rendition, else the original. */
function mediaFileFor(media: Media, shape: string | undefined): Media['original'] {
  const wanted = shape === 'portrait' ? 'portrait' : 'landscape';
  if (media.kind === 'video') return media.original;
  return media.renditions.find((r) => r.shape === wanted)?.file ?? media.original;
}

/** How long a file the hub service does not hold yet is left off the screen before it is asked for again. */
const RETRY_MS = 5_000;

/**
 * An info item's picture, or its video muted and looping, from the hub service's local copy (/media/:id), so it
 * plays with no network. A file the kiosk does not hold yet (still downloading, over its budget) shows nothing
 * rather than a broken image, and is asked for again a little later. Decorative next to the item's title and
 * text: hidden from screen readers.
 */
export function ContentMediaView({ media }: { media: Media }) {
  const file = mediaFileFor(media, document.documentElement.dataset.shape);
  // the failed tries of this file, and whether the next one is still waiting
  const [failures, setFailures] = useState<{ id: string; tries: number; waiting: boolean }>();
  useEffect(() => {
    if (!failures?.waiting) return;
    const timer = setTimeout(() => setFailures({ ...failures, waiting: false }), RETRY_MS);
    return () => clearTimeout(timer);
  }, [failures]);
  const tries = failures?.id === file.id ? failures.tries : 0;
  if (failures?.id === file.id && failures.waiting) return null;
  // the query only makes each try a new request for the browser; the hub service ignores it
  const src = tries > 0 ? `/media/${file.id}?try=${tries}` : `/media/${file.id}`;
  const onError = () => setFailures({ id: file.id, tries: tries + 1, waiting: true });
  return (
    <div className={styles.media} aria-hidden="true">
      {media.kind === 'video' ? (
        <video key={src} src={src} autoPlay muted loop playsInline onError={onError} />
      ) : (
        <img key={src} src={src} alt="" onError={onError} />
      )}
    </div>
  );
}
