// The Node.js version each pinned Electron embeds: on a kiosk the hub service runs in Electron's utilityProcess,
// so under this Node, not under the one that runs npm. Electron publishes it per release (its release notes and
// `process.versions.node` under `ELECTRON_RUN_AS_NODE=1 electron --version`); the registry's `electron` package
// does not carry it, so it is written here, and a bump of Electron without a line here stops the test step.
//   40.0.0 shipped Node 24.11.1; 40.10.2 (2026-06-02) answers v24.15.0 under ELECTRON_RUN_AS_NODE=1.
const ELECTRON_NODE = {
  '40.10.2': '24.15.0',
};

/**
 * The exact Node.js version embedded in Electron `electronVersion` (exact, as pinned in apps/kiosk/package.json).
 * Throws when the version is not in the table, naming what to add.
 */
export function electronNodeVersion(electronVersion) {
  const node = ELECTRON_NODE[electronVersion];
  if (!node)
    throw new Error(
      `the Node.js version embedded in Electron ${electronVersion} is not known: add it to ` +
        'scripts/hub-electron-node/electron-node.mjs (ELECTRON_RUN_AS_NODE=1 electron --version prints it)',
    );
  return node;
}
