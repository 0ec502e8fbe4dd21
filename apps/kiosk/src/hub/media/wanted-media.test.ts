import type { Content } from '@vigevano/protocol';
import { describe, expect, it } from 'vitest';
import { wantedMedia } from './wanted-media';

const NOW = Date.UTC(2026, 11, 8, 10);
const DAY = 86_400_000;
const HUB = '01JD00000000000000000000H1';
const OTHER = '01JD00000000000000000000H2';

function file(n: number, mediaType: 'image/webp' | 'image/png' | 'video/mp4' = 'image/webp') {
  return {
    id: `01JD${String(n).padStart(22, '0')}`,
    mediaType,
    sha256: 'a'.repeat(64),
    bytes: n * 100,
    width: 10,
    height: 10,
  };
}

function item(n: number, over: Partial<Content>): Content {
  return {
    id: `01JE${String(n).padStart(22, '0')}`,
    kind: 'news',
    hubIds: [],
    title: { it: 't' },
    body: { it: 'b' },
    schedule: { from: NOW - DAY, to: NOW + DAY },
    priority: 50,
    published: true,
    updatedAt: NOW,
    ...over,
  } as Content;
}

const image = (n: number) => ({
  kind: 'image' as const,
  original: file(n, 'image/png'),
  renditions: [
    { shape: 'portrait' as const, file: file(n + 1) },
    { shape: 'landscape' as const, file: file(n + 2) },
  ],
});

describe('the media a kiosk needs', () => {
  it('takes the renditions of pictures and the original of videos, for items of its hub not yet ended', () => {
    const items = [
      item(1, { media: image(10) }),
      item(2, { media: { kind: 'video', original: file(20, 'video/mp4'), renditions: [] }, hubIds: [HUB] }),
      item(3, { media: image(30), hubIds: [OTHER] }), // another hub's
      item(4, { media: image(40), schedule: { from: NOW - 2 * DAY, to: NOW - DAY } }), // ended
      item(5, { media: image(50), published: false }),
      item(6, {}), // text only
    ];
    expect(wantedMedia(items, HUB, NOW)).toEqual(
      [file(11), file(12), file(20, 'video/mp4')].map(({ id, mediaType, sha256, bytes }) => ({
        id,
        mediaType,
        sha256,
        bytes,
      })),
    );
  });

  it('puts what shows now before what starts later, then the higher priority first', () => {
    const items = [
      item(1, { media: image(10), schedule: { from: NOW + 3 * DAY, to: NOW + 9 * DAY }, priority: 100 }),
      item(2, { media: image(20), priority: 10 }),
      item(3, { media: image(30), priority: 90 }),
    ];
    expect(wantedMedia(items, HUB, NOW).map((f) => f.id)).toEqual(
      [31, 32, 21, 22, 11, 12].map((n) => file(n).id),
    );
  });
});
