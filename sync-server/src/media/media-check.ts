import { type ContentMediaType, MEDIA_LIMITS, MEDIA_RENDITION_BOXES } from '@vigevano/protocol';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { ApiFailure } from '../http/api-failure';
import { readMp4Header } from './mp4-header';

/** One file to store: the original (images: re-encoded without metadata) or a rendition for a kiosk shape. */
export interface PreparedFile {
  role: 'original' | 'portrait' | 'landscape';
  mediaType: ContentMediaType;
  bytes: Buffer;
  /** px; 0 when a video's container does not say */
  width: number;
  height: number;
}

/** An upload that passed every check, ready to store. */
export interface PreparedMedia {
  kind: 'image' | 'video';
  files: PreparedFile[];
  /** videos: as the container states it, when it does */
  durationMs?: number;
}

const MB = 1024 * 1024;
/** the longest side a stored file may have (the content schema's bound on width and height) */
const MAX_SIDE = 16_384;
const IMAGE_TYPES = new Set<string>(['image/jpeg', 'image/png', 'image/webp']);
const VIDEO_TYPES = new Set<string>(['video/mp4', 'video/webm']);
const ACCEPTED = 'un’immagine JPEG, PNG o WebP, oppure un video MP4 o WebM';

/** SVG is text (XML), so no magic number names it: its opening tags do. */
function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 1024)).trimStart().toLowerCase();
  return (
    head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || /<svg[\s>]/.test(head)
  );
}

/**
 * Checks an uploaded file by its bytes (never its name or declared type) and prepares what to store: images are
 * decoded by sharp (refused above MEDIA_LIMITS.imageMaxPixels before decoding: an image bomb), turned upright,
 * stripped of their metadata (EXIF, GPS position) and resized to fit each kiosk shape in WebP; videos are kept as
 * uploaded, within the size cap and, for MP4, the duration cap read from the container.
 * @throws ApiFailure validation_failed (not an accepted type, SVG, undecodable, too many pixels, too long) or
 *   payload_too_large (over the byte cap), each with an Italian message for the coordinator
 */
export async function prepareMedia(bytes: Buffer): Promise<PreparedMedia> {
  if (bytes.length === 0) throw new ApiFailure('validation_failed', 'il file è vuoto');
  if (looksLikeSvg(bytes))
    throw new ApiFailure(
      'validation_failed',
      'le immagini SVG non sono accettate (possono contenere script): esportale in PNG o JPEG',
    );
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  if (sniffed && IMAGE_TYPES.has(sniffed)) return prepareImage(bytes, sniffed as ContentMediaType);
  if (sniffed && VIDEO_TYPES.has(sniffed)) return prepareVideo(bytes, sniffed as ContentMediaType);
  throw new ApiFailure(
    'validation_failed',
    sniffed
      ? `il file è di tipo ${sniffed}: si accetta solo ${ACCEPTED}`
      : `il file non è ${ACCEPTED} (il tipo si riconosce dal contenuto, non dal nome)`,
  );
}

async function prepareImage(bytes: Buffer, mediaType: ContentMediaType): Promise<PreparedMedia> {
  if (bytes.length > MEDIA_LIMITS.imageMaxBytes)
    throw new ApiFailure(
      'payload_too_large',
      `immagine troppo grande: al massimo ${MEDIA_LIMITS.imageMaxBytes / MB} MB`,
    );
  const limitInputPixels = MEDIA_LIMITS.imageMaxPixels;
  let width = 0;
  let height = 0;
  try {
    // metadata reads the header only; the pixel check below refuses a bomb before anything decodes it
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    throw new ApiFailure(
      'validation_failed',
      `il file dice di essere ${mediaType} ma non si riesce a leggere`,
    );
  }
  if (!width || !height || width * height > limitInputPixels || Math.max(width, height) > MAX_SIDE)
    throw new ApiFailure(
      'validation_failed',
      `immagine di ${width}×${height} pixel: al massimo ${limitInputPixels / 1_000_000} milioni di pixel e ${MAX_SIDE} per lato`,
    );
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped (sharp keeps none unless asked)
    const upright = () => sharp(bytes, { limitInputPixels, failOn: 'error' }).rotate();
    const original = await encodeLike(upright(), mediaType).toBuffer({ resolveWithObject: true });
    const files: PreparedFile[] = [
      {
        role: 'original',
        mediaType,
        bytes: original.data,
        width: original.info.width,
        height: original.info.height,
      },
    ];
    for (const shape of ['portrait', 'landscape'] as const) {
      const box = MEDIA_RENDITION_BOXES[shape];
      const out = await upright()
        .resize({ ...box, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      files.push({
        role: shape,
        mediaType: 'image/webp',
        bytes: out.data,
        width: out.info.width,
        height: out.info.height,
      });
    }
    return { kind: 'image', files };
  } catch {
    throw new ApiFailure('validation_failed', `il file dice di essere ${mediaType} ma è danneggiato`);
  }
}

/** The same format as uploaded, re-encoded: what is stored as the "original" holds pixels only, no metadata. */
function encodeLike(image: Sharp, mediaType: ContentMediaType): Sharp {
  if (mediaType === 'image/png') return image.png();
  if (mediaType === 'image/webp') return image.webp({ quality: 90 });
  return image.jpeg({ quality: 90, mozjpeg: true });
}

function prepareVideo(bytes: Buffer, mediaType: ContentMediaType): PreparedMedia {
  if (bytes.length > MEDIA_LIMITS.videoMaxBytes)
    throw new ApiFailure(
      'payload_too_large',
      `video troppo grande: al massimo ${MEDIA_LIMITS.videoMaxBytes / MB} MB (brevi clip senza audio)`,
    );
  // WebM (Matroska) states its duration in EBML elements we do not parse: its byte cap is its only cap.
  const header =
    mediaType === 'video/mp4' ? readMp4Header(bytes) : { durationMs: undefined, width: 0, height: 0 };
  if (header.durationMs !== undefined && header.durationMs > MEDIA_LIMITS.videoMaxDurationMs)
    throw new ApiFailure(
      'validation_failed',
      `video troppo lungo (${Math.round(header.durationMs / 1000)} s): al massimo ${MEDIA_LIMITS.videoMaxDurationMs / 1000} s`,
    );
  return {
    kind: 'video',
    files: [{ role: 'original', mediaType, bytes, width: header.width, height: header.height }],
    ...(header.durationMs === undefined ? {} : { durationMs: header.durationMs }),
  };
}
