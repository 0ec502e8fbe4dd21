import { MEDIA_LIMITS } from '@vigevano/protocol';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../http/api-failure';
import { prepareMedia } from './media-check';
import { jpegWithExif, mp4Of, pngOf, webmOf } from './media-fixtures';

async function refusal(bytes: Buffer): Promise<ApiFailure> {
  const error = await prepareMedia(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiFailure)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('prepareMedia', () => {
  it('resizes a landscape picture to fit each kiosk shape, in WebP, never enlarging it', async () => {
    const prepared = await prepareMedia(await pngOf(3000, 2000));
    expect(prepared.kind).toBe('image');
    const byRole = Object.fromEntries(prepared.files.map((f) => [f.role, f]));
    expect(byRole.original).toMatchObject({ mediaType: 'image/png', width: 3000, height: 2000 });
    expect(byRole.portrait).toMatchObject({ mediaType: 'image/webp', width: 1080, height: 720 });
    expect(byRole.landscape).toMatchObject({ mediaType: 'image/webp', width: 1620, height: 1080 });
    const meta = await sharp(byRole.landscape?.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1620, 1080]);
    const small = await prepareMedia(await pngOf(400, 300));
    expect(small.files.find((f) => f.role === 'portrait')).toMatchObject({ width: 400, height: 300 });
  });

  it('strips the metadata (EXIF) of what it stores', async () => {
    const photo = await jpegWithExif(800, 600);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const prepared = await prepareMedia(photo);
    expect(prepared.files.map((f) => f.mediaType)).toEqual(['image/jpeg', 'image/webp', 'image/webp']);
    for (const file of prepared.files) expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
  });

  it('refuses an image bomb before decoding it', async () => {
    const bomb = await pngOf(7000, 7000); // 49 Mpx in a few KB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await refusal(bomb);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('7000×7000');
  });

  it('refuses SVG, text and unknown bytes with an Italian message, whatever they claim to be', async () => {
    const svg = await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    expect(svg.message).toContain('SVG');
    const xmlSvg = await refusal(
      Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
    );
    expect(xmlSvg.message).toContain('SVG');
    const text = await refusal(Buffer.from('ciao, sono un file di testo con estensione .jpg'));
    expect(text.message).toContain('non è un’immagine JPEG, PNG o WebP');
    const pdf = await refusal(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'));
    expect(pdf.message).toContain('application/pdf');
    expect((await refusal(Buffer.alloc(0))).message).toBe('il file è vuoto');
  });

  it('refuses a picture whose header is right but whose data is not', async () => {
    const png = await pngOf(200, 200);
    const error = await refusal(png.subarray(0, 60));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('image/png');
  });

  it('keeps a short MP4 as uploaded, with the duration and size its container states', async () => {
    const clip = mp4Of(12, 1920, 1080);
    const prepared = await prepareMedia(clip);
    expect(prepared).toMatchObject({ kind: 'video', durationMs: 12_000 });
    expect(prepared.files).toHaveLength(1);
    expect(prepared.files[0]).toMatchObject({
      role: 'original',
      mediaType: 'video/mp4',
      width: 1920,
      height: 1080,
    });
    expect(prepared.files[0]?.bytes.equals(clip)).toBe(true);
  });

  it('refuses a video too long or too large', async () => {
    const long = await refusal(mp4Of(MEDIA_LIMITS.videoMaxDurationMs / 1000 + 30));
    expect(long.message).toContain('troppo lungo');
    const large = await refusal(mp4Of(5, 1280, 720, MEDIA_LIMITS.videoMaxBytes));
    expect(large.code).toBe('payload_too_large');
    expect(large.message).toContain('20 MB');
  });

  it('accepts WebM by its EBML header', async () => {
    const prepared = await prepareMedia(webmOf());
    expect(prepared.kind).toBe('video');
    expect(prepared.files[0]?.mediaType).toBe('video/webm');
    expect(prepared.durationMs).toBeUndefined();
  });
});
