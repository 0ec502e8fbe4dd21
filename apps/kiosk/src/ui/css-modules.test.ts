import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A CSS module answers `undefined` for a class it does not define, and React then renders no class at all: a typo
// in `styles.scanBox` would leave a screen unstyled with no error anywhere. So every class a component reads from a
// module must be defined in that module's file.

const uiDir = import.meta.dirname;

/** Every .tsx file below the UI folder. */
function components(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? components(join(dir, entry.name))
      : entry.name.endsWith('.tsx')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The class names a CSS module defines (`.name` in any selector). */
function definedClasses(cssFile: string): Set<string> {
  const css = readFileSync(cssFile, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return new Set([...css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1] as string));
}

/** For one component: each module it imports (local name → file) and the classes it reads from each. */
export function moduleClassUses(source: string): Array<{ module: string; name: string; classes: string[] }> {
  const code = source.replace(/^import .*$/gm, '');
  return [...source.matchAll(/^import (\w+) from '([^']+\.module\.css)';$/gm)].map((m) => {
    const name = m[1] as string;
    const reads = [
      ...code.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g')),
      ...code.matchAll(new RegExp(`\\b${name}\\[['"]([\\w-]+)['"]\\]`, 'g')),
    ];
    return { module: m[2] as string, name, classes: [...new Set(reads.map((r) => r[1] as string))] };
  });
}

describe('CSS modules of the kiosk UI', () => {
  const files = components(uiDir);

  it('finds the components and the modules they import', () => {
    const uses = files.flatMap((f) => moduleClassUses(readFileSync(f, 'utf8')));
    expect(uses.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(uiDir, f), f]))(
    '%s reads only classes its modules define',
    (_, file) => {
      const missing = moduleClassUses(readFileSync(file, 'utf8')).flatMap(({ module, name, classes }) => {
        const defined = definedClasses(resolve(dirname(file), module));
        return classes.filter((c) => !defined.has(c)).map((c) => `${name}.${c} (${module})`);
      });
      expect(missing).toEqual([]);
    },
  );

  it('would notice a class a module does not define', () => {
    const uses = moduleClassUses("import styles from './X.module.css';\nconst a = styles.scanBox;\n");
    expect(uses).toEqual([{ module: './X.module.css', name: 'styles', classes: ['scanBox'] }]);
    expect(definedClasses(join(uiDir, 'screens/AttractScreen.module.css')).has('scanBoxx')).toBe(false);
  });
});
