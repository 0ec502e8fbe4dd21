import { describe, expect, it } from 'vitest';
import { allowPermission } from './permission-policy';

const kiosk = 'http://127.0.0.1:4410';

describe('kiosk permission policy', () => {
  it('grants the camera to the kiosk page', () => {
    expect(allowPermission('media', `${kiosk}/`, kiosk, { mediaTypes: ['video'] })).toBe(true);
  });

  it.each([
    ['the microphone', 'media', `${kiosk}/`, ['audio']],
    ['camera and microphone together', 'media', `${kiosk}/`, ['video', 'audio']],
    ['media with no type named', 'media', `${kiosk}/`, []],
    ['the camera to another origin', 'media', 'https://evil.example/', ['video']],
    ['the camera to another port on this machine', 'media', 'http://127.0.0.1:9999/', ['video']],
    ['geolocation', 'geolocation', `${kiosk}/`, []],
    ['notifications', 'notifications', `${kiosk}/`, []],
    ['clipboard reading', 'clipboard-read', `${kiosk}/`, []],
    ['USB devices', 'usb', `${kiosk}/`, []],
  ])('refuses %s', (_name, permission, url, mediaTypes) => {
    expect(allowPermission(permission, url, kiosk, { mediaTypes })).toBe(false);
  });
});
