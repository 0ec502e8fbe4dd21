import { isAllowedNavigation } from './navigation-policy';

/**
 * Which permission requests the kiosk grants: the camera (video only) for the hub service's own page, nothing
 * else, for anyone. Microphone, geolocation, notifications, clipboard, USB, HID, serial: all refused.
 */
export function allowPermission(
  permission: string,
  requestingUrl: string,
  kioskOrigin: string,
  details: { mediaTypes?: string[] } = {},
): boolean {
  if (permission !== 'media') return false;
  if (!isAllowedNavigation(requestingUrl, kioskOrigin)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}
