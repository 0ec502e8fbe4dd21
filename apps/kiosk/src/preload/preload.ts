// The preload: the only bridge between the sandboxed kiosk page and the shell. It exposes exactly the typed
// KioskShellApi of packages/protocol, and nothing of Node or Electron itself.
import { type KioskShellApi, SHELL_CHANNELS } from '@vigevano/protocol';
import { contextBridge, ipcRenderer } from 'electron';

const shell = {
  printCardSheet: (html) => ipcRenderer.invoke(SHELL_CHANNELS.printCardSheet, html),
  requestExit: (pin) => ipcRenderer.invoke(SHELL_CHANNELS.requestExit, pin),
} satisfies KioskShellApi;

contextBridge.exposeInMainWorld('kioskShell', shell);
