import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectedFuses } from './fuse-list';

describe('the fuses check-fuses.ts reads back', () => {
  it('are every fuse electron-builder.yml sets, with its wanted state', () => {
    const config = parse(readFileSync(join(import.meta.dirname, '../electron-builder.yml'), 'utf8'));
    const expected = expectedFuses(config);
    expect(expected).toHaveLength(Object.keys(config.electronFuses).length);
    expect(new Map(expected)).toEqual(
      new Map([
        [FuseV1Options.RunAsNode, false],
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
        [FuseV1Options.EnableNodeCliInspectArguments, false],
        [FuseV1Options.OnlyLoadAppFromAsar, true],
        [FuseV1Options.EnableCookieEncryption, true],
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
        [FuseV1Options.GrantFileProtocolExtraPrivileges, false],
      ]),
    );
  });

  it('follows the config: a fuse added there is checked too', () => {
    expect(expectedFuses({ electronFuses: { loadBrowserProcessSpecificV8Snapshot: true } })).toEqual([
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, true],
    ]);
  });

  it.each([
    [{}, 'no electronFuses'],
    [{ electronFuses: { runAsNod: false } }, 'runAsNod'],
    [{ electronFuses: { runAsNode: 'no' } }, 'true or false'],
  ])('refuses %j', (config, message) => {
    expect(() => expectedFuses(config)).toThrow(message);
  });
});
