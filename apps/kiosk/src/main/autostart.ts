/**
 * Start at login on Linux: Electron's login-item API covers only macOS and Windows, so the shell writes an XDG
 * autostart entry (picked up by GNOME, KDE, XFCE and by `cage` sessions started from a display manager).
 * A systemd user unit for kiosks without a desktop is in resources/linux/ and documented in docs/kiosk-installation.md.
 */
export function autostartDesktopEntry(execPath: string): string {
  // The Exec path is quoted per the Desktop Entry spec: spaces in the install path must not split it.
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Vigevano Hub Kiosk',
    'Comment=Totem degli hub di Vigevano',
    `Exec=${quoted}`,
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=5',
    'Terminal=false',
    '',
  ].join('\n');
}

export const AUTOSTART_FILE_NAME = 'inc.vigevano.kiosk.desktop';
