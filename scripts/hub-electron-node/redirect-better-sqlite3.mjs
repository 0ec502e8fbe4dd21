// Loaded with `--import` into every process of the hub test run under Electron's Node: better-sqlite3 is a native
// module built for one Node ABI, and the project's copy is built for the Node that ran `npm ci`. This resolve hook
// sends every load of the project's copy (import or require, from tests or from RxDB) to the copy built for this
// Node in the cache (VIGEVANO_BETTER_SQLITE3_FROM → VIGEVANO_BETTER_SQLITE3_TO, both directory URLs ending in /).
import { registerHooks } from 'node:module';

const from = process.env.VIGEVANO_BETTER_SQLITE3_FROM;
const to = process.env.VIGEVANO_BETTER_SQLITE3_TO;
if (!from || !to) throw new Error('VIGEVANO_BETTER_SQLITE3_FROM and VIGEVANO_BETTER_SQLITE3_TO must be set');

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    return resolved.url.startsWith(from)
      ? { ...resolved, url: to + resolved.url.slice(from.length) }
      : resolved;
  },
});
