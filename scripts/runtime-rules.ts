import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One override of biome.json, as far as the runtime rules read it. */
export interface BiomeOverride {
  includes?: string[];
  linter?: { rules?: { correctness?: { noNodejsModules?: unknown } } };
}

/** A runtime override: the rules for the files that run in one place (pure, Node, browser, Electron main, preload). */
export interface RuntimeOverride {
  /** its position in biome.json's `overrides` */
  index: number;
  includes: string[];
}

/**
 * The runtime overrides of a biome.json: those that say whether Node's modules may be imported
 * (`correctness.noNodejsModules`, "error" or "off"). Every runtime override sets it, so that a file matching two of
 * them is visible here (Biome itself would quietly apply the later one).
 */
export function runtimeOverrides(config: { overrides?: BiomeOverride[] }): RuntimeOverride[] {
  return (config.overrides ?? []).flatMap((override, index) =>
    override.linter?.rules?.correctness?.noNodejsModules === undefined
      ? []
      : [{ index, includes: override.includes ?? ['**'] }],
  );
}

/** The repository's biome.json, parsed. */
export function repoBiomeConfig(root: string): { overrides?: BiomeOverride[] } {
  return JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
}

/**
 * A Biome glob as a regular expression over a path relative to biome.json (forward slashes): `**` any number of
 * folders, `*` and `?` within one name. Braces and character classes are not used in biome.json, so not handled:
 * such a glob throws rather than being read wrongly.
 */
export function globRegExp(glob: string): RegExp {
  if (/[{}[\]]/.test(glob)) throw new Error(`unsupported glob syntax in ${glob}`);
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] as string;
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `path` falls under an override's `includes`, read the way Biome 2 reads them: in order, the last
 * pattern that matches decides, `!` excluding and a later plain pattern including again.
 */
export function included(includes: readonly string[], path: string): boolean {
  let verdict = false;
  for (const pattern of includes) {
    const negated = pattern.startsWith('!');
    if (globRegExp(negated ? pattern.slice(1) : pattern).test(path)) verdict = !negated;
  }
  return verdict;
}

/** The runtime overrides (by position in biome.json) that cover `path`: exactly one for every file. */
export function runtimesOf(overrides: readonly RuntimeOverride[], path: string): number[] {
  return overrides.filter((o) => included(o.includes, path)).map((o) => o.index);
}
