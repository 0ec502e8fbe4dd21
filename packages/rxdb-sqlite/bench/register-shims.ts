import { register } from 'node:module';

// Must run before rxdb/plugins/test-utils is imported (dynamically): see shims/resolve-hooks.mjs.
register('./shims/resolve-hooks.mjs', import.meta.url);
