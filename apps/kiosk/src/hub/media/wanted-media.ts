import type { Content } from '@vigevano/protocol';
import type { WantedFile } from './media-store';

/**
 * The media files a kiosk of `hubId` needs, most urgent first: those of published items for its hub (or the whole
 * city) whose schedule has not ended, the ones showing now or soonest first, then by priority. Images: the
 * renditions (the hub service does not know the window's shape, and a rendition is a few hundred KB); videos: the
 * original, never re-encoded.
 */
export function wantedMedia(items: readonly Content[], hubId: string, now: number): WantedFile[] {
  const files: WantedFile[] = [];
  const seen = new Set<string>();
  const relevant = items
    .filter(
      (c) =>
        c.published && c.media && c.schedule.to > now && (c.hubIds.length === 0 || c.hubIds.includes(hubId)),
    )
    .sort(
      (a, b) =>
        Math.max(a.schedule.from, now) - Math.max(b.schedule.from, now) ||
        b.priority - a.priority ||
        a.id.localeCompare(b.id),
    );
  for (const item of relevant) {
    const media = item.media;
    if (!media) continue;
    const named =
      media.kind === 'video' || media.renditions.length === 0
        ? [media.original]
        : media.renditions.map((r) => r.file);
    for (const f of named)
      if (!seen.has(f.id)) {
        seen.add(f.id);
        files.push({ id: f.id, mediaType: f.mediaType, sha256: f.sha256, bytes: f.bytes });
      }
  }
  return files;
}
