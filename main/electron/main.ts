/**
 * Electron entry of the station app (bundled by scripts/build.mjs to out/main/electron.cjs, CommonJS, with
 * 'electron' and 'better-sqlite3' external). At run time:
 *   __dirname           = out/main
 *   built renderer      = out/renderer      (served as app://station/…)
 *   preload             = out/preload/preload.cjs
 * The security decisions live in ./security.ts and the IPC adapter in ./ipc.ts (both tested without Electron);
 * this file only wires them to the real Electron objects.
 *
 * Printing (pdfmake documents, receipts) is added here later, through the same IPC adapter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import { startStationBackend, type StationBackend } from '../core/backend.js';
import { syncServiceFor } from '../core/sync/service.js';
import { locateAppPaths } from '../core/paths.js';
import { createIpcInvokeHandler, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './ipc.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_TITLE,
  appResponseHeaders,
  isAllowedNavigation,
  isClientRoute,
  isSafeExternalUrl,
  isTrustedSenderUrl,
  resolveAppProtocolPath,
  windowOptions,
} from './security.js';

const APP_ID = 'vn.tramyteso.station';

// Both must happen before 'ready'. app:// is standard (real origin, relative URLs) and secure (like https), so
// the renderer never runs from file:// (where every local file would be same-origin).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();

/** Folders of the shipped files, whether packaged (electron-builder's extraResources) or run from the repo. */
function shippedPaths(): { migrationsDir: string; resourcesDir: string; rendererDir: string; preloadPath: string } {
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const preloadPath = path.join(__dirname, '..', 'preload', 'preload.cjs');
  if (app.isPackaged) {
    // electron-builder.yml copies main/core/db/migrations → resources/migrations and resources/data → resources/data,
    // so `${resourcesDir}/data/admin_units_2025.csv` is where main/core/reference/adminUnits.ts looks.
    return {
      migrationsDir: path.join(process.resourcesPath, 'migrations'),
      resourcesDir: process.resourcesPath,
      rendererDir,
      preloadPath,
    };
  }
  const located = locateAppPaths(app.getAppPath());
  return { migrationsDir: located.migrationsDir, resourcesDir: located.resourcesDir, rendererDir, preloadPath };
}

let mainWindow: BrowserWindow | null = null;

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppProtocolPath(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    let served = file;
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      if (!isClientRoute(file)) return new Response('Not found', { status: 404 });
      served = path.join(rendererDir, 'index.html');
      try {
        body = await fs.promises.readFile(served);
      } catch {
        return new Response('Not found', { status: 404 });
      }
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: appResponseHeaders(served),
    });
  });
}

/** Applied to every webContents the app ever creates (windows, devtools, anything a bug might open). */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    // A plain https link clicked in the page opens in the system browser instead of replacing the app.
    if (isSafeExternalUrl(event.url)) void shell.openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createMainWindow(preloadPath: string, onDestroyed: (webContentsId: number) => void): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath, { devTools: !app.isPackaged }));
  const id = win.webContents.id;
  win.webContents.on('destroyed', () => onDestroyed(id));
  win.once('ready-to-show', () => win.show());
  // Keep the product name: the page <title> may change, the window title stays recognisable in the taskbar.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.setTitle(APP_TITLE);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function failStartup(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error('[electron] start-up failed:', error);
  dialog.showErrorBox(
    APP_TITLE,
    `Không mở được cơ sở dữ liệu của trạm. Dữ liệu chưa bị thay đổi; bản sao lưu (nếu có) nằm trong thư mục dữ liệu.\n\n${detail}`,
  );
  app.exit(1);
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const paths = shippedPaths();
  const dataDir = path.join(app.getPath('userData'), 'data');

  // Migrations (with the backup before them) run here, before any window opens.
  let backend: StationBackend;
  try {
    backend = startStationBackend(
      { dataDir, migrationsDir: paths.migrationsDir, resourcesDir: paths.resourcesDir },
      { logError: (name, e) => console.error(`[dispatch] ${name} failed:`, e) },
    );
  } catch (e) {
    failStartup(e);
    return;
  }
  app.on('will-quit', () => backend.close());
  void backend.warmCaches();
  // Background sync with the hub (does nothing until the station is enrolled on the Đồng bộ screen).
  syncServiceFor(backend.station).start();

  // The renderer needs the camera (scanning card QR codes) and clipboard writes; nothing else (no microphone,
  // notifications or geolocation), and only for the app's own pages.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = (details as { mediaTypes?: string[] } | undefined)?.mediaTypes ?? [];
    const cameraOnly = permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((m) => m === 'video');
    callback((permission === 'clipboard-sanitized-write' || cameraOnly) && isTrustedSenderUrl(contents.getURL()));
  });
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      (permission === 'clipboard-sanitized-write' || permission === 'media') && isTrustedSenderUrl(requestingOrigin),
  );

  registerAppProtocol(paths.rendererDir);

  const invoke = createIpcInvokeHandler({ dispatch: backend.dispatch, workstation: `electron:${os.hostname()}` });
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, name: unknown, input: unknown) =>
    invoke(event.senderFrame?.url, event.sender.id, name, input),
  );

  backend.station.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });

  mainWindow = createMainWindow(paths.preloadPath, (id) => invoke.forget(id));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database file: it gets focused (below, in that process) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(failStartup);
}
