import { FuseV1Options } from '@electron/fuses';

/**
 * The fuses electron-builder.yml's `electronFuses` asks for, as @electron/fuses options and wanted states: the
 * config's camelCase keys (electron-builder's FuseOptionsV1, e.g. `runAsNode`) are the FuseV1Options names
 * with a lower-case first letter. Derived from the config so that scripts/check-fuses.ts reads back every fuse set
 * there, and no second list can fall out of step with it.
 * @param config the parsed electron-builder.yml
 * @throws Error when there is no `electronFuses` map, a key names no fuse this @electron/fuses knows (a typo, or
 *   a fuse newer than the library), or a value is not true/false
 */
export function expectedFuses(config: unknown): Array<[FuseV1Options, boolean]> {
  const fuses = (config as { electronFuses?: unknown } | null)?.electronFuses;
  if (typeof fuses !== 'object' || fuses === null || Array.isArray(fuses))
    throw new Error('electron-builder.yml has no electronFuses map');
  return Object.entries(fuses).map(([key, wanted]) => {
    const name = `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
    const fuse = (FuseV1Options as unknown as Record<string, FuseV1Options | undefined>)[name];
    if (typeof fuse !== 'number') throw new Error(`electronFuses.${key} is not a fuse @electron/fuses knows`);
    if (typeof wanted !== 'boolean') throw new Error(`electronFuses.${key} must be true or false`);
    return [fuse, wanted];
  });
}
