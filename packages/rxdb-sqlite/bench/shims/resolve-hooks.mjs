/**
 * Module resolution hooks for the benchmark. RxDB's `rxdb/plugins/test-utils` (which holds
 * runPerformanceTests) imports `async-test-util` and `clone`, two devDependencies of RxDB that npm does not
 * install for its users. When they are missing, these hooks serve the tiny stand-ins next to this file;
 * when they are installed, the real packages are used and this does nothing.
 */
const SHIMS = {
  'async-test-util': new URL('./async-test-util.mjs', import.meta.url).href,
  clone: new URL('./clone.mjs', import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    const shim = SHIMS[specifier];
    if (shim && err && err.code === 'ERR_MODULE_NOT_FOUND') {
      return { url: shim, format: 'module', shortCircuit: true };
    }
    throw err;
  }
}
