import { type Hub, REPEAT_SCAN_WINDOW_MS } from '@vigevano/protocol';

/**
 * The repeat-scan window (ms) of the kiosk's hub, as the server set it in the hub document; the city's default
 * REPEAT_SCAN_WINDOW_MS while the kiosk has not received its hub yet.
 */
export function repeatWindowOf(hub: Pick<Hub, 'repeatScanWindowMs'> | null | undefined): number {
  return hub?.repeatScanWindowMs ?? REPEAT_SCAN_WINDOW_MS;
}
