import type { Content } from '@vigevano/protocol';
import { useState } from 'react';
import styles from './ContentRotator.module.css';

type Media = NonNullable<Content['media']>;

/** The file of `media` for a screen of `shape` (data-shape on <html>): its rendition, else the original. */
export function mediaFileFor(media: Media, shape: string | undefined): Media['original'] {
  const wanted = shape === 'portrait' ? 'portrait' : 'landscape';
  if (media.kind === 'video') return media.original;
  return media.renditions.find((r) => r.shape === wanted)?.file ?? media.original;
}

/**
 * An info item's picture, or its video muted and looping, from the hub service's local copy (/media/:id), so it
 * plays with no network. A file the kiosk does not hold yet (still downloading, over its budget) shows nothing
 * rather than a broken image. Decorative next to the item's title and text: hidden from screen readers.
 */
export function ContentMediaView({ media }: { media: Media }) {
  const file = mediaFileFor(media, document.documentElement.dataset.shape);
  const [failed, setFailed] = useState<string | undefined>();
  if (failed === file.id) return null;
  const src = `/media/${file.id}`;
  return (
    <div className={styles.media} aria-hidden="true">
      {media.kind === 'video' ? (
        <video key={file.id} src={src} autoPlay muted loop playsInline onError={() => setFailed(file.id)} />
      ) : (
        <img key={file.id} src={src} alt="" onError={() => setFailed(file.id)} />
      )}
    </div>
  );
}
