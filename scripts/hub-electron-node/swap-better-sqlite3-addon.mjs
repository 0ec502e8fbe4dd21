// Loaded with `--import` into every process of the hub test run under Electron's Node (NODE_OPTIONS, so children
// that the tests start get it too): better-sqlite3 is a native module built for one Node ABI, and the project's
// copy is built for the Node that ran `npm ci`. Every load of that addon file (VIGEVANO_BETTER_SQLITE3_ADDON)
// loads instead the same version built for this Node (VIGEVANO_BETTER_SQLITE3_ADDON_FOR_THIS_NODE). Swapping at
// process.dlopen, where every native load ends, holds whatever resolved the module (ESM, require, tsx's loader).
import { realpathSync } from 'node:fs';

const from = process.env.VIGEVANO_BETTER_SQLITE3_ADDON;
const to = process.env.VIGEVANO_BETTER_SQLITE3_ADDON_FOR_THIS_NODE;
if (!from || !to)
  throw new Error(
    'VIGEVANO_BETTER_SQLITE3_ADDON and VIGEVANO_BETTER_SQLITE3_ADDON_FOR_THIS_NODE must be set',
  );

const original = process.dlopen;
process.dlopen = function dlopen(module, filename, ...rest) {
  let real = filename;
  try {
    real = realpathSync(filename);
  } catch {
    // a file that does not exist fails in the original dlopen, with its own message
  }
  return original.call(this, module, real === from ? to : filename, ...rest);
};
