import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// electron-builder validates its configuration against this schema at packaging time; checking it here means a
// broken electron-builder.yml fails `npm test` on machines that cannot download Electron to package.
function validateAgainstElectronBuilderSchema(config: unknown) {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return validate(config) ? [] : (validate.errors ?? []);
}

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(`${repoRoot}electron-builder.yml`, 'utf8'));

  it('is valid for electron-builder', () => {
    expect(validateAgainstElectronBuilderSchema(config)).toEqual([]);
  });

  it('would be caught if it were broken', () => {
    expect(validateAgainstElectronBuilderSchema({ ...config, linux: { target: 42 } })).not.toEqual([]);
  });

  it('unpacks native modules from the asar (better-sqlite3 cannot load from inside it)', () => {
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('sets the security fuses: no run-as-node, no NODE_OPTIONS, no inspect, app only from asar, encrypted cookies', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('ships the bundles the shell loads, and the native module outside the asar', () => {
    expect(config.extraMetadata.main).toBe('dist/main/main.cjs');
    for (const bundle of ['dist/main/**', 'dist/preload/**', 'dist/hub/**', 'dist/ui/**'])
      expect(config.files).toContain(bundle);
    expect(config.files).toContain('node_modules/better-sqlite3/**');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
  });
});
