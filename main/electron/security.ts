/**
 * The Electron host's security decisions as plain functions, so they are unit-tested under Node without an
 * Electron binary. Nothing here imports 'electron': main.ts applies these values to the real objects.
 */
import path from 'node:path';

export const APP_TITLE = 'Trạm Y tế số';
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
/** Origin of the renderer: a privileged, standard, secure custom scheme (never file://, never http://). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent with every app:// response. Mantine writes inline `style` attributes and <style> tags, so styles need
 * 'unsafe-inline'; scripts never do, and nothing may eval. The renderer talks to the backend over IPC, so it
 * needs no network at all (connect-src 'self' only).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The subset of Electron's BrowserWindowConstructorOptions we set; main.ts passes it straight to BrowserWindow. */
export interface StationWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    experimentalFeatures: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    spellcheck: false;
    plugins: true;
    devTools: boolean;
  };
}

export function windowOptions(preloadPath: string, opts: { devTools?: boolean } = {}): StationWindowOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: APP_TITLE,
    // Shown on 'ready-to-show' so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      // The renderer's JavaScript cannot reach the preload's world, Node or Electron internals.
      contextIsolation: true,
      // The renderer (and the preload) run in Chromium's OS-level sandbox.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker would download dictionaries and flag every Vietnamese medical word.
      spellcheck: false,
      // Chromium's built-in PDF viewer (print preview of referral and appointment slips); no third-party plugins exist.
      plugins: true,
      devTools: opts.devTools ?? false,
    },
  };
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppOrigin(u: URL): boolean {
  // Chromium lower-cases the host of a standard scheme; Node's parser (in tests) keeps it, so compare folded.
  return u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === APP_HOST && u.username === '' && u.password === '';
}

/** True only for frames of our own renderer (app://station/...): the IPC adapter refuses everything else. */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  const u = parseUrl(url);
  return u !== null && isAppOrigin(u);
}

/** The window may only ever show our own pages; any other navigation (links, redirects, drops) is refused. */
export function isAllowedNavigation(url: string | undefined | null): boolean {
  const u = parseUrl(url);
  return u !== null && isAppOrigin(u);
}

/**
 * Links that may be handed to the system browser: https with a host and no credentials. No http (a commune
 * network is not trusted), no file:, javascript:, data:, custom schemes or UNC paths that could start programs.
 */
export function isSafeExternalUrl(url: string | undefined | null): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
}

/**
 * Maps app://station/<path> to a file inside `rendererDir`, or null when the request is not for our origin or
 * tries to leave the folder (`..`, encoded `%2e%2e`, backslashes, encoded slashes, NUL, drive letters). `/` is
 * index.html. `pathImpl` lets the tests check Windows path rules on any machine.
 */
export function resolveAppProtocolPath(
  rendererDir: string,
  requestUrl: string,
  pathImpl: path.PlatformPath = path,
): string | null {
  if (typeof requestUrl !== 'string') return null;
  // Refuse dot segments in the raw URL too: the URL parser would quietly fold them, hiding a probing request.
  const rawPath = requestUrl.replace(/[?#].*$/s, '');
  if (/(^|[/\\])(\.|%2e){1,2}([/\\]|$)/i.test(rawPath.replace(/^[a-z]+:\/\/[^/]*/i, ''))) return null;
  const u = parseUrl(requestUrl);
  if (!u || !isAppOrigin(u)) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '.' || s === '..' || s.includes(':') || WINDOWS_DEVICE_NAME.test(s)) return null;
  }
  if (segments.length === 0 || decoded.endsWith('/')) segments.push('index.html');

  const root = pathImpl.resolve(rendererDir);
  const file = pathImpl.resolve(root, ...segments);
  const rel = pathImpl.relative(root, file);
  if (rel === '' || rel.startsWith('..') || pathImpl.isAbsolute(rel)) return null;
  return file;
}

/** Names Windows maps to devices in any folder (reading `NUL` or `CON` must never be attempted). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response. */
export function appResponseHeaders(filePath: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(filePath),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/**
 * A request for a missing file without an extension is a client-side route (app://station/persons/…) and gets
 * index.html, so reloading the window on any screen works. Missing assets (with an extension) stay 404.
 */
export function isClientRoute(filePath: string): boolean {
  return path.extname(filePath) === '';
}
