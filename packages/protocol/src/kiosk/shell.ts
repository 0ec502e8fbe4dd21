/**
 * The channels of the Electron shell, typed once for both ends.
 *
 * 1. Preload ⇄ UI: what the preload exposes to the kiosk UI as `window.kioskShell` (absent in browser mode, where
 *    the UI falls back to the browser's own print dialog and has no exit button).
 * 2. Electron main ⇄ hub service in its utilityProcess: messages over `process.parentPort`.
 */

export interface PrintResult {
  ok: boolean;
  /** why printing failed, in Italian, for the facilitator */
  error?: string;
}

export interface ExitResult {
  ok: boolean;
  reason?: 'wrong' | 'locked' | 'no_pin';
}

export interface KioskShellApi {
  /** prints a card sheet (an HTML document) silently to the kiosk's configured printer */
  printCardSheet(html: string): Promise<PrintResult>;
  /** leaves kiosk mode and quits: only with the hub's facilitator PIN */
  requestExit(pin: string): Promise<ExitResult>;
}

/** ipcRenderer.invoke channel names, one per KioskShellApi method. */
export const SHELL_CHANNELS = {
  printCardSheet: 'kiosk-shell:print-card-sheet',
  requestExit: 'kiosk-shell:request-exit',
} as const satisfies Record<keyof KioskShellApi, string>;

export type HubToMain =
  | {
      type: 'ready';
      url: string;
      serverUrl: string | null;
      /** the release public key pinned at enrolment (KioskIdentity.releasePublicKey), null when none */
      releasePublicKey: string | null;
    }
  | { type: 'exit-pin-result'; requestId: number; result: ExitResult }
  | { type: 'fatal'; message: string };

export type MainToHub = { type: 'verify-exit-pin'; requestId: number; pin: string };

/** Where the UI may load things from, set by the hub service on every response and by Electron on top. */
export const KIOSK_CSP = [
  "default-src 'self'",
  // The QR decoder's second pass is WebAssembly (ZXing-C++), compiled from our own origin.
  "script-src 'self' 'wasm-unsafe-eval'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  // Card sheets are shown in a sandboxed srcdoc frame before printing.
  "frame-src 'self' about: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
