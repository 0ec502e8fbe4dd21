import { type Static, Type } from 'typebox';
import {
  CONTENT_KINDS,
  CONTENT_LAYOUTS,
  CONTENT_PANELS,
  type Content,
  DEVICE_TAG_PATTERN,
} from '../collections/content';
import { LANGUAGES } from '../languages';
import { LanguageCode, Ulid } from '../schema/fields';
import { SHA256_HEX_PATTERN, TIME_OF_DAY_PATTERN } from '../schema/patterns';
import { ContentMedia } from './media';
import { HubOption } from './report-common';
import { documentOf, errorResponses, OkResponse, rawResponse, ulidParams } from './schema';

/** Images an info screen may show: checked by their first bytes on the server, not by the name they came with. */
export const CONTENT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ContentImageType = (typeof CONTENT_IMAGE_TYPES)[number];
export const CONTENT_IMAGE_MAX_BYTES = 1024 * 1024;
/** The upload route's body limit: room for the base64 of a slightly too large image, to say so clearly. */
export const CONTENT_UPLOAD_MAX_BODY = 2 * 1024 * 1024;

const Localized = Type.Object(
  Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      l === 'it'
        ? Type.String({ minLength: 1, maxLength: 2000 })
        : Type.Optional(Type.String({ maxLength: 2000 })),
    ]),
  ) as Record<string, ReturnType<typeof Type.String>>,
  { additionalProperties: false },
);

const Hhmm = Type.String({ pattern: TIME_OF_DAY_PATTERN });

/** A kiosk-group tag as a coordinator types it (devices.tags, content.tags, notices.tags). */
export const DeviceTag = Type.String({ pattern: DEVICE_TAG_PATTERN, maxLength: 32 });

export const ContentImageRef = Type.Object(
  {
    id: Ulid(),
    mediaType: Type.Enum(CONTENT_IMAGE_TYPES),
    sha256: Type.String({ pattern: SHA256_HEX_PATTERN }),
  },
  { additionalProperties: false },
);
export type ContentImageRef = Static<typeof ContentImageRef>;

/** What a coordinator edits; the server adds id, updatedAt, and keeps `published` apart (publish/unpublish). */
export const ContentInput = Type.Object(
  {
    kind: Type.Enum(CONTENT_KINDS),
    hubIds: Type.Array(Ulid(), { maxItems: 100 }),
    /** single kiosks within hubIds (the server refuses an id it does not know) */
    deviceIds: Type.Optional(Type.Array(Ulid(), { maxItems: 200, uniqueItems: true })),
    /** kiosk groups within hubIds (the server refuses a tag no kiosk carries) */
    tags: Type.Optional(Type.Array(DeviceTag, { maxItems: 20, uniqueItems: true })),
    title: Localized,
    body: Localized,
    schedule: Type.Object(
      {
        from: Type.Integer({ minimum: 0 }),
        to: Type.Integer({ minimum: 0 }),
        days: Type.Optional(
          Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7, uniqueItems: true }),
        ),
        hours: Type.Optional(Type.Object({ from: Hhmm, to: Hhmm }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    priority: Type.Integer({ minimum: 0, maximum: 100 }),
    image: Type.Optional(Type.Union([ContentImageRef, Type.Null()])),
    /** how the item fills the idle kiosk's screen (absent: 'card') and the zones layout's side panel */
    layout: Type.Optional(Type.Enum(CONTENT_LAYOUTS)),
    panel: Type.Optional(Type.Enum(CONTENT_PANELS)),
    /** a picture or video uploaded through the media route (its answer, as it was); null or absent: none */
    media: Type.Optional(Type.Union([ContentMedia, Type.Null()])),
  },
  { additionalProperties: false },
);
export type ContentInput = Static<typeof ContentInput>;

export const PublishRequest = Type.Object({ published: Type.Boolean() }, { additionalProperties: false });
export type PublishRequest = Static<typeof PublishRequest>;

export const ImageUpload = Type.Object(
  {
    mediaType: Type.Enum(CONTENT_IMAGE_TYPES),
    /**
     * the file, base64; the server refuses more than CONTENT_IMAGE_MAX_BYTES once decoded with its own message,
     * the schema only caps the text at the upload route's body limit
     */
    dataBase64: Type.String({ minLength: 8, maxLength: CONTENT_UPLOAD_MAX_BODY }),
  },
  { additionalProperties: false },
);
export type ImageUpload = Static<typeof ImageUpload>;

export const ImageUploadResponse = Type.Object({
  image: ContentImageRef,
  size: Type.Number({ description: 'bytes' }),
});
export type ImageUploadResponse = Static<typeof ImageUploadResponse>;

const ContentItem = documentOf<Content>('content');
export const ContentList = Type.Object({
  items: Type.Array(ContentItem),
  hubs: Type.Array(HubOption),
  /**
   * CONTENT_FALLBACK_ORDER (content/language-fallback.ts): a visitor whose language an item lacks reads it in the
   * first of these languages that the item has
   */
  fallbackOrder: Type.Array(LanguageCode()),
  /** per item id: the visitor languages it lacks (title or body missing or blank), in LANGUAGES order */
  missingLanguages: Type.Record(Type.String(), Type.Array(LanguageCode())),
});
export type ContentList = Static<typeof ContentList>;
export const ContentItemResponse = Type.Object({ item: ContentItem });
export type ContentItemResponse = Static<typeof ContentItemResponse>;
const WeekHour = Type.Object({ hour: Type.Integer(), contentIds: Type.Array(Type.String()) });
/** What a kiosk plays each hour of this week (packages/protocol kiosk/content-week.ts), with the items it names. */
export const ContentWeek = Type.Object({
  device: Type.Object({
    id: Type.String(),
    name: Type.String(),
    hubId: Type.String(),
    hubName: Type.String(),
    tags: Type.Array(Type.String()),
  }),
  /** the hub's IANA time zone the days and hours are in */
  timeZone: Type.String(),
  /** local midnight of Monday, epoch ms */
  weekStart: Type.Number(),
  days: Type.Array(
    Type.Object({ date: Type.String(), weekday: Type.Integer(), hours: Type.Array(WeekHour) }),
  ),
  /** the items the days name: Italian title and priority */
  items: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), priority: Type.Integer() })),
});
export type ContentWeek = Static<typeof ContentWeek>;
export const ContentWeekQuery = Type.Object(
  {
    deviceId: Ulid(),
    /** any moment of the week to show (epoch ms); absent: this week */
    at: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const contentParams = ulidParams('contentId');
const tags = ['content'];

export const contentAdminRoutes = {
  list: {
    method: 'GET',
    path: '/api/dashboard/content',
    schema: {
      summary: 'Info-screen content, and the hubs to aim it at',
      tags,
      response: { 200: ContentList, ...errorResponses },
    },
  },
  /** declared before `/content/:contentId` so nobody reads `week` as an id */
  week: {
    method: 'GET',
    path: '/api/dashboard/content/week',
    schema: {
      summary: "What one kiosk plays each hour of a week (schedules and targeting, in its hub's time zone)",
      tags,
      querystring: ContentWeekQuery,
      response: { 200: ContentWeek, ...errorResponses },
    },
  },
  create: {
    method: 'POST',
    path: '/api/dashboard/content',
    schema: {
      summary: 'New info-screen content (unpublished)',
      tags,
      body: ContentInput,
      response: { 200: ContentItemResponse, ...errorResponses },
    },
  },
  update: {
    method: 'PUT',
    path: '/api/dashboard/content/:contentId',
    schema: {
      summary: 'Edit info-screen content',
      tags,
      params: contentParams,
      body: ContentInput,
      response: { 200: ContentItemResponse, ...errorResponses },
    },
  },
  publish: {
    method: 'POST',
    path: '/api/dashboard/content/:contentId/publish',
    schema: {
      summary: 'Publish or withdraw info-screen content',
      tags,
      params: contentParams,
      body: PublishRequest,
      response: { 200: ContentItemResponse, ...errorResponses },
    },
  },
  remove: {
    method: 'DELETE',
    path: '/api/dashboard/content/:contentId',
    schema: {
      summary: 'Delete info-screen content',
      tags,
      params: contentParams,
      response: { 200: OkResponse, ...errorResponses },
    },
  },
  uploadImage: {
    method: 'POST',
    path: '/api/dashboard/content-images',
    schema: {
      summary: 'Upload an image (PNG, JPEG or WebP, base64) for info-screen content',
      tags,
      body: ImageUpload,
      response: { 200: ImageUploadResponse, ...errorResponses },
    },
  },
  /** the image bytes: signed-in users, and kiosks with their device bearer token */
  image: {
    method: 'GET',
    path: '/api/content-images/:imageId',
    schema: {
      summary: 'The bytes of an image (signed-in users, and kiosks with their device token)',
      tags,
      produces: [...CONTENT_IMAGE_TYPES],
      params: ulidParams('imageId'),
      response: { 200: rawResponse('image/*', 'the image, as uploaded'), ...errorResponses },
    },
  },
} as const;
