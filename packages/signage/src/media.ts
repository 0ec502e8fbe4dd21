import type { Content } from '@vigevano/protocol';
import type { SignageShape } from './text';

/** The file to show for an item on a screen shape: what kind it is and the id its bytes are fetched by. */
export interface ShownMedia {
  kind: 'image' | 'video';
  fileId: string;
}

/**
 * The item's picture or video for `shape`: the rendition the server resized for that shape, else the original
 * (videos have no renditions; an image uploaded before renditions existed has only its original). A version 0
 * `image` counts only when `legacyImage` is set: kiosks never received those bytes (the dashboard's preview does).
 */
export function mediaFor(item: Content, shape: SignageShape, legacyImage: boolean): ShownMedia | null {
  if (item.media) {
    const rendition = item.media.renditions.find((r) => r.shape === shape);
    return { kind: item.media.kind, fileId: (rendition?.file ?? item.media.original).id };
  }
  if (legacyImage && item.image) return { kind: 'image', fileId: item.image.id };
  return null;
}
