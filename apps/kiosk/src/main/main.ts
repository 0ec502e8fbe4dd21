// Electron main process: a thin shell. It opens the kiosk window on the hub service's UI and keeps it there.
// The hub service itself runs outside this process (`npm start` launches it; the Electron issue moves it into a
// utilityProcess with restarts). Policy lives in pure, unit-tested functions (navigation-policy.ts).
import { app, BrowserWindow, session } from 'electron';
import { isAllowedNavigation, kioskUrlFrom } from './navigation-policy';

const kioskUrl = kioskUrlFrom(process.env);

if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(): void {
  const win = new BrowserWindow({
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: !app.isPackaged,
    },
  });
  win.removeMenu();
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, kioskUrl.origin)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(kioskUrl.toString());
}

app.whenReady().then(() => {
  // Only the camera, and only for the kiosk's own origin; everything else is refused.
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(permission === 'media' && isAllowedNavigation(webContents.getURL(), kioskUrl.origin));
  });
  createWindow();
});

app.on('window-all-closed', () => app.quit());
