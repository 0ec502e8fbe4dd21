import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '@vigevano/testkit/chromium';
import type { GrayFrame } from '../gray-frame';
import { y4mVideo } from './y4m';

/**
 * A Chromium whose camera shows `photo` and nothing else: Chromium's fake camera plays a y4m video (written to
 * `dir`/`name`.y4m, one second at 10 fps) in a loop, so the card never leaves the frame. Close it when done.
 */
export async function browserWithCameraShowing(
  photo: GrayFrame,
  dir: string,
  name: string,
): Promise<Browser> {
  const video = join(dir, `${name}.y4m`);
  writeFileSync(
    video,
    y4mVideo(
      Array.from({ length: 10 }, () => photo),
      10,
    ),
  );
  return chromium.launch(
    chromiumLaunchOptions([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]),
  );
}
