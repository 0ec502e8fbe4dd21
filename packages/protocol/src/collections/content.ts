import type { Static } from 'typebox';
import { Type } from 'typebox';
import { EpochMillis, StringEnum, Ulid } from '../schema/fields';
import { SHA256_HEX_PATTERN } from '../schema/patterns';
import { closedObject, collectionSchema, localizedText, storedTimeOfDay } from './common';

export const CONTENT_KINDS = ['news', 'opportunity', 'directions', 'notice'] as const;

/** How an item fills the idle kiosk's screen (issue 17, item 2). */
export const CONTENT_LAYOUTS = [
  'card', // the title and text on a card, the picture beside or above it (version 0's only layout)
  'fullscreen', // the picture or video fills the screen, the title on a band across it
  'zones', // the item in the main zone, a built-in panel beside it, a ticker of the other items' titles below
] as const;
export type ContentLayout = (typeof CONTENT_LAYOUTS)[number];

/** The built-in panels, drawn by the kiosk from its own local data (issue 17, item 2). */
export const CONTENT_PANELS = [
  'today-here', // today's sessions at this hub, with free places
  'today-other-hubs', // today at the city's other hubs
  'how-to-get-there', // from this hub to each other hub: walking and cycling time, public-transport notes
] as const;
export type ContentPanel = (typeof CONTENT_PANELS)[number];

/** Media an item may carry: checked by their first bytes on the server, never by the file's name. */
export const CONTENT_MEDIA_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'video/mp4',
  'video/webm',
] as const;
export type ContentMediaType = (typeof CONTENT_MEDIA_TYPES)[number];

/** A kiosk-group tag (e.g. `ingresso`, `totem`): lower-case letters, digits and dashes. */
export const DEVICE_TAG_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';

const mediaFile = (description: string) =>
  closedObject(
    {
      id: Ulid(),
      mediaType: StringEnum(CONTENT_MEDIA_TYPES),
      sha256: Type.String({ pattern: SHA256_HEX_PATTERN }),
      bytes: Type.Integer({ minimum: 0, maximum: 200 * 1024 * 1024, description: 'size of the file, bytes' }),
      width: Type.Integer({ minimum: 0, maximum: 16_384, description: 'CSS px' }),
      height: Type.Integer({ minimum: 0, maximum: 16_384, description: 'CSS px' }),
    },
    description,
  );

/** An info-screen item shown by kiosks when idle. Published by coordinators on the server. */
export const contentSchema = collectionSchema(
  'content',
  // 1 (issue 17): media (images and short muted videos, with renditions per kiosk shape), layout, and targeting of
  // single kiosks (deviceIds) and kiosk groups (tags). All optional: a version 0 document is valid as it is.
  { version: 1 },
  {
    id: Ulid(),
    kind: StringEnum(CONTENT_KINDS),
    hubIds: Type.Array(Ulid(), { maxItems: 100, description: 'empty: every hub (city-wide)' }),
    deviceIds: Type.Optional(
      Type.Array(Ulid(), {
        maxItems: 200,
        description: 'single kiosks, within hubIds; with tags, a kiosk matching either shows the item',
      }),
    ),
    tags: Type.Optional(
      Type.Array(Type.String({ pattern: DEVICE_TAG_PATTERN, maxLength: 32 }), {
        maxItems: 20,
        description: 'kiosk groups, within hubIds; neither deviceIds nor tags: every kiosk of those hubs',
      }),
    ),
    title: localizedText(),
    body: localizedText(),
    schedule: closedObject({
      from: EpochMillis(),
      to: EpochMillis(),
      days: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7 })),
      hours: Type.Optional(closedObject({ from: storedTimeOfDay(), to: storedTimeOfDay() })),
    }),
    image: Type.Optional(
      closedObject(
        {
          id: Ulid(),
          mediaType: StringEnum(['image/png', 'image/jpeg', 'image/webp']),
          sha256: Type.String({ pattern: SHA256_HEX_PATTERN }),
        },
        'version 0 picture (the dashboard now writes `media`); kiosks fetch its bytes by id and check the sha256',
      ),
    ),
    media: Type.Optional(
      closedObject(
        {
          kind: StringEnum(['image', 'video'] as const),
          original: mediaFile('the file as uploaded (videos are never re-encoded)'),
          renditions: Type.Array(
            closedObject({
              shape: StringEnum(['portrait', 'landscape'] as const),
              file: mediaFile('an image resized on the server to fit that kiosk shape'),
            }),
            { maxItems: 4 },
          ),
          durationMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000, description: 'videos' })),
        },
        'picture or video; kiosks fetch the bytes by file id, check the sha256 and keep them to play offline',
      ),
    ),
    layout: Type.Optional(StringEnum(CONTENT_LAYOUTS, { description: "absent: 'card'" })),
    panel: Type.Optional(
      StringEnum(CONTENT_PANELS, {
        description: "the side zone of the 'zones' layout; absent: 'today-here'",
      }),
    ),
    priority: Type.Integer({ minimum: 0, maximum: 100 }),
    published: Type.Boolean(),
    updatedAt: EpochMillis(),
  },
);

export type Content = Static<typeof contentSchema>;
