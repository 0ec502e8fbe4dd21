import type { ExitResult } from '@vigevano/protocol';

/**
 * Asks for the facilitator PIN to leave kiosk mode. With nothing to check it against (no hub service running: a
 * kiosk not enrolled yet, or the shell on an outside hub service), the answer is no: leaving kiosk mode always
 * takes a PIN, and an unenrolled kiosk is left by its installer from a console, not from the screen.
 * @param verify the hub service's PIN check, undefined when there is none
 */
export async function verifyExit(
  pin: string,
  verify: ((pin: string) => Promise<ExitResult>) | undefined,
): Promise<ExitResult> {
  if (!verify) return { ok: false, reason: 'no_pin' };
  return verify(pin);
}

/**
 * Whether the kiosk window may close. A window manager's close (its Alt+F4, a close button, a gesture) reaches
 * Electron as the window's `close` event without going through the page, so the key policy cannot stop it: the
 * window refuses to close unless the facilitator PIN was verified, or the app itself is quitting (app.quit() from
 * the PIN path, the updater's restart, a SIGTERM from the session: none reachable from the kiosk's screen).
 */
export class ExitGate {
  private pinVerified = false;
  private quitting = false;

  /** the facilitator PIN was verified: the kiosk may leave */
  allowExit(): void {
    this.pinVerified = true;
  }

  /** Electron's `before-quit`: the app is quitting on its own decision */
  quitStarted(): void {
    this.quitting = true;
  }

  mayCloseWindow(): boolean {
    return this.pinVerified || this.quitting;
  }
}
