// Electron main process: a thin shell. It runs the hub service in a utilityProcess (restarted with backoff), opens
// one locked-down full-screen window on the hub service's UI, prints card sheets silently, blocks display sleep,
// and quits only with the facilitator PIN. Every decision that can be a pure function is one, unit-tested beside it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type ExitResult, SHELL_CHANNELS } from '@vigevano/protocol';
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { AUTOSTART_FILE_NAME, autostartDesktopEntry } from './autostart';
import { withKioskCsp } from './csp';
import { ExitGate, verifyExit } from './exit-policy';
import { HubProcess, type HubState } from './hub-process';
import { shouldSwallowKey } from './input-policy';
import { isAllowedNavigation, kioskUrlFrom } from './navigation-policy';
import { allowPermission } from './permission-policy';
import { printSilently } from './print';
import { checkDownloadedRelease } from './release-check';
import { RelaunchBudget } from './restart-policy';
import { statusPage } from './status-page';
import { updateFeed } from './update-feed';

if (!app.requestSingleInstanceLock()) app.quit();

// With KIOSK_URL set (`npm start`, development) the hub service runs outside; otherwise the shell runs it.
const externalUrl = process.env.KIOSK_URL ? kioskUrlFrom(process.env) : undefined;
let kioskOrigin = externalUrl?.origin ?? 'http://127.0.0.1:4410';
let win: BrowserWindow | undefined;
let hub: HubProcess | undefined;
const relaunches = new RelaunchBudget();
const exitGate = new ExitGate();

function show(url: string): void {
  void win?.loadURL(url);
}

function onHubState(state: HubState): void {
  if (state.kind === 'starting') show(statusPage('Avvio del totem…', 'Un momento, per favore.'));
  if (state.kind === 'restarting')
    show(statusPage('Riavvio in corso…', 'Il totem torna disponibile tra pochi secondi.'));
  if (state.kind === 'ready') {
    kioskOrigin = new URL(state.url).origin;
    show(state.url);
    if (state.serverUrl) scheduleUpdates(state.serverUrl, state.releasePublicKey ?? undefined);
  }
}

let updatesScheduled = false;
/**
 * AppImage only: the deb updater needs a graphical password prompt, which an unattended kiosk cannot answer.
 * A download is installed (at the next quit) only once its signature verifies against the release key pinned at
 * enrolment (release-check.ts); with no key pinned the kiosk does not look for updates at all, and logs why.
 */
function scheduleUpdates(serverUrl: string, releasePublicKey: string | undefined): void {
  if (updatesScheduled || !app.isPackaged || !process.env.APPIMAGE) return;
  updatesScheduled = true;
  if (!releasePublicKey) {
    console.error(
      'updates refused: this kiosk has no release public key (the city configured none when it enrolled); set RELEASE_PUBLIC_KEY on the server and enrol the kiosk again',
    );
    return;
  }
  const feed = updateFeed(serverUrl, process.env.KIOSK_UPDATE_CHANNEL ?? 'stable');
  autoUpdater.setFeedURL(feed);
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.on('update-downloaded', (event) => {
    void checkDownloadedRelease({ feedUrl: feed.url, downloadedFile: event.downloadedFile, releasePublicKey })
      .then((decision) => {
        if (decision.install) {
          console.log(`update ${event.version}: signature verified, installing at the next restart`);
          autoUpdater.autoInstallOnAppQuit = true;
        } else {
          autoUpdater.autoInstallOnAppQuit = false;
          console.error(`update ${event.version} refused: ${decision.why}`);
        }
      })
      .catch((error: unknown) => {
        autoUpdater.autoInstallOnAppQuit = false;
        console.error(
          `update ${event.version} refused: its signature could not be checked (${String(error)})`,
        );
      });
  });
  const check = () => void autoUpdater.checkForUpdates().catch(() => undefined);
  check();
  setInterval(check, 6 * 3_600_000).unref();
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: '#10202b',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
      preload: join(app.getAppPath(), 'dist/preload/preload.cjs'),
    },
  });
  window.removeMenu();
  window.on('close', (event) => {
    if (!exitGate.mayCloseWindow()) event.preventDefault();
  });
  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    if (shouldSwallowKey(input)) event.preventDefault();
  });
  // The status pages are data: URLs loaded by loadURL, which emits no will-navigate: a page cannot go to one.
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, kioskOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, kioskOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const recover = (why: string) => {
    if (relaunches.tryRelaunch(Date.now())) contents.reload();
    else show(statusPage('Il totem ha un problema', `${why}. Chiama il personale: serve un riavvio.`));
  };
  contents.on('render-process-gone', (_event, details) => recover(`schermata chiusa (${details.reason})`));
  contents.on('unresponsive', () => recover('schermata bloccata'));
  return window;
}

function installAutostart(): void {
  if (process.platform !== 'linux' || !app.isPackaged) return;
  const dir = join(homedir(), '.config', 'autostart');
  const file = join(dir, AUTOSTART_FILE_NAME);
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, autostartDesktopEntry(process.env.APPIMAGE ?? process.execPath));
}

app.whenReady().then(() => {
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(
      allowPermission(permission, contents.getURL(), kioskOrigin, details as { mediaTypes?: string[] }),
    ),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowPermission(permission, requestingOrigin, kioskOrigin, { mediaTypes: ['video'] }),
  );
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withKioskCsp(details.responseHeaders) }),
  );

  ipcMain.handle(SHELL_CHANNELS.printCardSheet, (event, html: unknown) => {
    if (
      !isAllowedNavigation(event.senderFrame?.url ?? '', kioskOrigin) ||
      typeof html !== 'string' ||
      html.length > 2_000_000
    )
      return { ok: false, error: 'richiesta di stampa non valida' };
    return printSilently(html, process.env.KIOSK_PRINTER);
  });
  ipcMain.handle(SHELL_CHANNELS.requestExit, async (event, pin: unknown): Promise<ExitResult> => {
    if (!isAllowedNavigation(event.senderFrame?.url ?? '', kioskOrigin) || typeof pin !== 'string')
      return { ok: false };
    const running = hub;
    const result = await verifyExit(pin, running ? (p) => running.verifyExitPin(p) : undefined);
    if (result.ok) {
      exitGate.allowExit();
      setTimeout(() => app.quit(), 100);
    }
    return result;
  });

  win = createWindow();
  installAutostart();
  if (externalUrl) {
    show(externalUrl.toString());
    return;
  }
  const appPath = app.getAppPath();
  hub = new HubProcess(
    join(appPath, 'dist/hub/hub.cjs'),
    ['--data', join(app.getPath('userData'), 'kiosk')],
    {
      KIOSK_UI_DIR: join(appPath, 'dist/ui'),
      KIOSK_PORT: process.env.KIOSK_PORT ?? '4410',
      // The hub service's log as JSON lines (@vigevano/logging): pino-pretty is not in the packaged app.
      NODE_ENV: 'production',
    },
    onHubState,
  );
  hub.start();
});

app.on('before-quit', () => {
  exitGate.quitStarted();
  hub?.stop();
});
app.on('window-all-closed', () => app.quit());
