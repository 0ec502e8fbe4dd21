import { type Static, Type } from 'typebox';
import type { Notice } from '../collections/notices';
import { LANGUAGES } from '../languages';
import { Ulid } from '../schema/fields';
import { DeviceTag } from './content-admin';
import { HubOption } from './report-common';
import { documentOf, errorResponses, ulidParams } from './schema';

/** A notice's text per visitor language: Italian required (the fallback every kiosk can show). */
const localized = (maxLength: number) =>
  Type.Object(
    Object.fromEntries(
      LANGUAGES.map((l) => [
        l,
        l === 'it' ? Type.String({ minLength: 1, maxLength }) : Type.Optional(Type.String({ maxLength })),
      ]),
    ) as Record<string, ReturnType<typeof Type.String>>,
    { additionalProperties: false },
  );

/**
 * An urgent notice as a coordinator writes it. Targets follow the targeting rule (kiosk/targeting.ts): nothing
 * named is every kiosk of the city; the server refuses hubs, kiosks or tags it does not know.
 */
export const NoticeInput = Type.Object(
  {
    title: localized(120),
    text: localized(600),
    hubIds: Type.Array(Ulid(), { maxItems: 100, uniqueItems: true }),
    deviceIds: Type.Array(Ulid(), { maxItems: 200, uniqueItems: true }),
    tags: Type.Array(DeviceTag, { maxItems: 20, uniqueItems: true }),
    /** epoch ms; absent: now */
    startsAt: Type.Optional(Type.Integer({ minimum: 0 })),
    /** epoch ms, after startsAt and at most NOTICE_MAX_DURATION_MS later */
    endsAt: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type NoticeInput = Static<typeof NoticeInput>;

const NoticeDocument = documentOf<Notice>('notices');
const KioskOption = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hubId: Type.String(),
  hubName: Type.String(),
  tags: Type.Array(Type.String()),
});
export type KioskOption = Static<typeof KioskOption>;

export const NoticeList = Type.Object({
  /** newest first, active and past */
  notices: Type.Array(NoticeDocument),
  hubs: Type.Array(HubOption),
  /** kiosks in service, to aim at */
  kiosks: Type.Array(KioskOption),
  /** every tag a kiosk in service carries */
  tags: Type.Array(Type.String()),
  /** the longest a notice may last, ms */
  maxDurationMs: Type.Number(),
});
export type NoticeList = Static<typeof NoticeList>;
export const NoticeResponse = Type.Object({ notice: NoticeDocument });

const tags = ['notices'];
export const noticeRoutes = {
  list: {
    method: 'GET',
    path: '/api/dashboard/notices',
    schema: {
      summary: 'Urgent notices, active and past, and the hubs, kiosks and tags to aim them at',
      tags,
      response: { 200: NoticeList, ...errorResponses },
    },
  },
  create: {
    method: 'POST',
    path: '/api/dashboard/notices',
    schema: {
      summary: 'Interrupt the chosen kiosks with an urgent notice until its end',
      tags,
      body: NoticeInput,
      response: { 200: NoticeResponse, ...errorResponses },
    },
  },
  end: {
    method: 'POST',
    path: '/api/dashboard/notices/:noticeId/end',
    schema: {
      summary: 'End an urgent notice now',
      tags,
      params: ulidParams('noticeId'),
      response: { 200: NoticeResponse, ...errorResponses },
    },
  },
} as const;
