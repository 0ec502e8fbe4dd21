import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { demoAdminCookie, type SeededServer } from '@vigevano/testkit/demo-admin';

/** What seedSignageCity put on the server. */
export interface SignageCity {
  /** published, city-wide items (every kiosk shows them) */
  items: number;
  /** pictures uploaded, and their bytes in all */
  mediaFiles: number;
  mediaBytes: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks carry it (ISO 3309, the PNG specification's section 5.5). */
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid RGB PNG of random pixels (incompressible, so its size is about side² × 3 bytes): a stand-in for a
 * photo of the same weight, made without an image library.
 */
export function noisePng(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter method, no interlace
  const rows = Buffer.concat(
    Array.from({ length: side }, () => Buffer.concat([Buffer.from([0]), randomBytes(side * 3)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function send<T>(server: SeededServer, cookie: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The bench's info screens, through the dashboard's own API as a coordinator would make them: `items` published
 * city-wide items for the next 30 days, the first `mediaFiles` of them with a picture of about `mediaFileBytes`.
 * The one place that makes the bench's content: switch it to the media upload (content v1 `media`, issue 17 item
 * 1) once that is merged; today it uses the version-0 image upload (PNG/JPEG/WebP ≤ 1 MiB, kept on the server
 * only: kiosks do not download or show those pictures yet).
 */
export async function seedSignageCity(
  server: SeededServer,
  { items, mediaFiles, mediaFileBytes }: { items: number; mediaFiles: number; mediaFileBytes: number },
): Promise<SignageCity> {
  const cookie = await demoAdminCookie(server);
  const side = Math.floor(Math.sqrt(mediaFileBytes / 3));
  let mediaBytes = 0;
  const now = Date.now();
  for (let n = 0; n < items; n += 1) {
    let image: unknown;
    if (n < mediaFiles) {
      const png = noisePng(side);
      mediaBytes += png.length;
      image = (
        await send<{ image: unknown }>(server, cookie, '/api/dashboard/content-images', {
          mediaType: 'image/png',
          dataBase64: png.toString('base64'),
        })
      ).image;
    }
    const { item } = await send<{ item: { id: string } }>(server, cookie, '/api/dashboard/content', {
      kind: 'news',
      hubIds: [],
      title: { it: `Notizia ${n + 1}`, en: `News ${n + 1}` },
      body: {
        it: `Testo della notizia ${n + 1}: orari, luogo e come iscriversi.`,
        en: `News ${n + 1}: times, place, how to sign up.`,
      },
      schedule: { from: now - 3_600_000, to: now + 30 * 86_400_000 },
      priority: 50,
      ...(image ? { image } : {}),
    });
    await send(server, cookie, `/api/dashboard/content/${item.id}/publish`, { published: true });
  }
  return { items, mediaFiles: Math.min(items, mediaFiles), mediaBytes };
}
