import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { GrayFrame } from '../src/ui/scanner/gray-frame';

/**
 * The QR photo corpus (../shared/qr-corpus, see its README): `<folder>/NAME.{webp,png,jpg}` with the exact text
 * in `NAME.txt` beside it. Images with no `.txt` are not decode cases and are skipped.
 */
export interface CorpusCase {
  /** folder/file, relative to the corpus root */
  name: string;
  path: string;
  expected: string;
}

const IMAGE = /^(.*)\.(webp|png|jpe?g)$/i;

export function listCorpus(root: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      const name = rel ? `${rel}/${entry}` : entry;
      if (statSync(path).isDirectory()) {
        walk(path, name);
        continue;
      }
      const match = IMAGE.exec(entry);
      if (!match) continue;
      const textPath = join(dir, `${match[1]}.txt`);
      if (!existsSync(textPath)) continue;
      cases.push({ name, path, expected: readFileSync(textPath, 'utf8') });
    }
  };
  walk(root, '');
  return cases;
}

/** Decodes an image file to grey (sharp's own luminance conversion: what a camera's Y plane would hold). */
export async function loadGray(path: string): Promise<GrayFrame> {
  const { data, info } = await sharp(path)
    .flatten({ background: '#ffffff' })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}
