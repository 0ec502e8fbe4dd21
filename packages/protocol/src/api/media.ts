import { type Static, Type } from 'typebox';
import { CONTENT_MEDIA_TYPES, contentSchema } from '../collections/content';
import { Ulid } from '../schema/fields';
import { errorResponses, rawResponse, ulidParams } from './schema';

/**
 * Media of info-screen items (issue 17, item 1): the caps the server enforces on an upload, shown by the dashboard
 * next to the upload control. Videos are muted short clips, stored as uploaded (never re-encoded).
 */
export const MEDIA_LIMITS = {
  /** an uploaded image, bytes */
  imageMaxBytes: 15 * 1024 * 1024,
  /** an uploaded video, bytes */
  videoMaxBytes: 20 * 1024 * 1024,
  /** a video's duration as its container states it, ms */
  videoMaxDurationMs: 60_000,
  /** an image's width × height: more is an image bomb (a small file that decodes to gigabytes) */
  imageMaxPixels: 40_000_000,
} as const;

/** The box each image rendition fits in, CSS px: the kiosks' screens (portrait totems, landscape screens). */
export const MEDIA_RENDITION_BOXES = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

/** The `media` field of a content item, as the upload answers it and the content form sends it back. */
export const ContentMedia = contentSchema.properties.media;
export type ContentMedia = NonNullable<Static<typeof contentSchema>['media']>;

export const MediaUploadResponse = Type.Object({ media: ContentMedia });
export type MediaUploadResponse = Static<typeof MediaUploadResponse>;

/** What a kiosk keeps for offline play, as it reports it (the dashboard's Totem page shows it). */
export const MediaHeldReport = Type.Object(
  {
    budgetBytes: Type.Integer({ minimum: 0, description: 'the most the kiosk keeps, bytes' }),
    files: Type.Array(Type.Object({ id: Ulid(), bytes: Type.Integer({ minimum: 0 }) }), {
      maxItems: 5000,
    }),
  },
  { additionalProperties: false },
);
export type MediaHeldReport = Static<typeof MediaHeldReport>;

const tags = ['content'];

export const mediaRoutes = {
  /**
   * The file is the raw request body (Content-Type: its media type, or application/octet-stream): its real type is
   * read from its bytes, never from the header or a name.
   */
  upload: {
    method: 'POST',
    path: '/api/dashboard/media',
    schema: {
      summary: 'Upload an image (JPEG, PNG, WebP) or a short muted video (MP4, WebM) as the raw body',
      tags,
      consumes: [...CONTENT_MEDIA_TYPES, 'application/octet-stream'],
      response: { 200: MediaUploadResponse, ...errorResponses },
    },
  },
  /** the bytes of a media file: signed-in users, and kiosks with their device bearer token; ids are never reused */
  file: {
    method: 'GET',
    path: '/api/media/:fileId',
    schema: {
      summary: 'The bytes of a media file (signed-in users, and kiosks with their device token)',
      tags,
      produces: [...CONTENT_MEDIA_TYPES],
      params: ulidParams('fileId'),
      response: { 200: rawResponse('image/* or video/*', 'the file'), ...errorResponses },
    },
  },
  /** a kiosk says which media files it holds (device bearer token) */
  held: {
    method: 'PUT',
    path: '/api/device/media-held',
    schema: {
      summary: 'A kiosk reports the media files it keeps for offline play, and its byte budget',
      tags,
      body: MediaHeldReport,
      response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errorResponses },
    },
  },
} as const;
