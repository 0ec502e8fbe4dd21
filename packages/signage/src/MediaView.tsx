import type { ShownMedia } from './media';

/**
 * A picture or a video filling its box. Videos play muted, looped and inline (kiosks have no sound on purpose, and
 * autoplay is allowed only muted); both are decorative beside the item's title, so they carry no text of their own.
 */
export function MediaView({
  media,
  mediaUrl,
  className,
}: {
  media: ShownMedia;
  mediaUrl: (fileId: string) => string;
  className: string | undefined;
}) {
  const src = mediaUrl(media.fileId);
  return media.kind === 'video' ? (
    <video className={className} src={src} muted autoPlay loop playsInline tabIndex={-1} />
  ) : (
    <img className={className} src={src} alt="" />
  );
}
