import type { PrintResult } from '@vigevano/protocol';
import { BrowserWindow } from 'electron';

/**
 * Prints a card sheet silently to the configured printer (KIOSK_PRINTER, else the system default) from a hidden
 * window that runs no script and loads nothing remote.
 */
export async function printSilently(html: string, printer: string | undefined): Promise<PrintResult> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await new Promise<PrintResult>((resolve) => {
      win.webContents.print(
        { silent: true, printBackground: true, ...(printer ? { deviceName: printer } : {}) },
        (ok, reason) => resolve(ok ? { ok: true } : { ok: false, error: `stampa non riuscita: ${reason}` }),
      );
    });
  } finally {
    win.destroy();
  }
}
