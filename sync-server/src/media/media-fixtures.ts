import sharp from 'sharp';

/** Test files made on the spot (no binary fixtures in the repo): real images by sharp, MP4/WebM headers by hand. */

/** A PNG of `width`×`height` px, one flat colour (compresses to a few KB even when huge: an image bomb). */
export function pngOf(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** A JPEG carrying EXIF metadata (a camera's make, as a phone photo would carry its GPS position). */
export function jpegWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Fotocamera di prova', Copyright: 'Vigevano' } })
    .toBuffer();
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/**
 * An MP4 (ISO BMFF) with a `moov` stating `seconds` of duration and one `width`×`height` track, then `padding`
 * bytes of media data: enough for the type and header checks (nothing here decodes frames).
 */
export function mp4Of(seconds: number, width = 1280, height = 720, padding = 1024): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41'));
  const mvhd = Buffer.alloc(100); // version 0: times 32-bit
  mvhd.writeUInt32BE(1000, 12); // timescale: ms
  mvhd.writeUInt32BE(seconds * 1000, 16);
  mvhd.writeUInt32BE(0x00010000, 20); // rate 1.0
  const tkhd = Buffer.alloc(84); // version 0: width and height are the last 8 bytes, 16.16 fixed point
  tkhd.writeUInt32BE(width << 16, 76);
  tkhd.writeUInt32BE(height << 16, 80);
  const moov = box('moov', box('mvhd', mvhd), box('trak', box('tkhd', tkhd)));
  return Buffer.concat([ftyp, moov, box('mdat', Buffer.alloc(padding))]);
}

/** The EBML header of a WebM file (DocType "webm"), then `padding` bytes. */
export function webmOf(padding = 1024): Buffer {
  const docType = Buffer.concat([Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm')]);
  const header = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length]), docType]);
  return Buffer.concat([header, Buffer.alloc(padding)]);
}
