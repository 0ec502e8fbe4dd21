import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globRegExp, included, repoBiomeConfig, runtimeOverrides, runtimesOf } from './runtime-rules';

const root = resolve(import.meta.dirname, '..');
const overrides = runtimeOverrides(repoBiomeConfig(root));

/** Every TypeScript file git tracks, relative to the repository root. */
function trackedTypeScript(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.mts', '*.cts'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
}

describe('every file belongs to exactly one runtime (biome.json)', () => {
  it('finds the runtime overrides', () => {
    // pure, Node (packages, sync server, hub, kiosk tests and tools, dashboard tests and tools, scripts),
    // Electron main, preload, browser (kiosk UI, dashboard)
    expect(overrides.length).toBeGreaterThanOrEqual(5);
  });

  it('leaves no TypeScript file without a runtime, and gives none two', () => {
    const files = trackedTypeScript();
    expect(files.length).toBeGreaterThan(100);
    const uncovered = files.filter((f) => runtimesOf(overrides, f).length === 0);
    const twice = files
      .map((f) => ({ file: f, overrides: runtimesOf(overrides, f) }))
      .filter((f) => f.overrides.length > 1);
    expect(uncovered, 'files no runtime override of biome.json covers').toEqual([]);
    expect(twice, 'files two runtime overrides cover (the later would win unseen)').toEqual([]);
  });

  it('would report a file in a folder no override names, and one two overrides name', () => {
    expect(runtimesOf(overrides, 'apps/new-app/src/x.ts')).toEqual([]);
    const doubled = [...overrides, { index: 99, includes: ['apps/kiosk/src/hub/**'] }];
    expect(runtimesOf(doubled, 'apps/kiosk/src/hub/x.ts')).toHaveLength(2);
  });
});

describe("Biome's include globs", () => {
  it.each([
    ['packages/**', 'packages/protocol/src/x.ts', true],
    ['packages/**', 'apps/x.ts', false],
    ['**/*.test.ts', 'apps/kiosk/src/ui/x.test.ts', true],
    ['**/*.test.ts', 'x.test.ts', true],
    ['*.ts', 'vitest.config.ts', true],
    ['*.ts', 'scripts/x.ts', false],
    ['apps/kiosk/src/ui/**', 'apps/kiosk/src/ui/scanner/x.ts', true],
    ['apps/kiosk/src/ui/**', 'apps/kiosk/src/uix.ts', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globRegExp(glob).test(path)).toBe(expected);
  });

  it('reads includes in order: the last matching pattern decides', () => {
    const includes = ['packages/**', '!packages/protocol/src/**', 'packages/protocol/src/**/*.test.ts'];
    expect(included(includes, 'packages/testkit/src/x.ts')).toBe(true);
    expect(included(includes, 'packages/protocol/src/x.ts')).toBe(false);
    expect(included(includes, 'packages/protocol/src/x.test.ts')).toBe(true);
  });

  it('refuses glob syntax it does not read', () => {
    expect(() => globRegExp('src/{a,b}/*.ts')).toThrow(/unsupported glob/);
  });
});
