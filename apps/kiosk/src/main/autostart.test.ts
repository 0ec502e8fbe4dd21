import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry } from './autostart';

describe('Linux autostart entry', () => {
  it('starts the kiosk binary at login', () => {
    const entry = autostartDesktopEntry('/opt/Vigevano Hub Kiosk/vigevano-kiosk');
    expect(entry).toContain('[Desktop Entry]\nType=Application');
    expect(entry).toContain('Exec="/opt/Vigevano Hub Kiosk/vigevano-kiosk"');
  });

  it('escapes characters the Exec key treats specially', () => {
    expect(autostartDesktopEntry('/home/a"b/$x/k')).toContain('Exec="/home/a\\"b/\\$x/k"');
  });
});
