import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  contentTypeFor,
  isAllowedNavigation,
  isClientRoute,
  isSafeExternalUrl,
  isTrustedSenderUrl,
  resolveAppProtocolPath,
  windowOptions,
} from './security.js';

describe('windowOptions', () => {
  const opts = windowOptions('/opt/app/out/preload/preload.cjs');
  const web = opts.webPreferences;

  it('isolates and sandboxes the renderer', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and insecure content off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('turns the spellchecker off and DevTools off unless asked', () => {
    expect(web.spellcheck).toBe(false);
    expect(web.devTools).toBe(false);
    expect(windowOptions('/p.cjs', { devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('uses the given preload and nothing else that would load code', () => {
    expect(web.preload).toBe('/opt/app/out/preload/preload.cjs');
    expect(Object.keys(web)).not.toContain('additionalArguments');
    expect(Object.keys(web)).not.toContain('enableBlinkFeatures');
  });

  it('has the product title and a usable size', () => {
    expect(opts.title).toBe('Trạm Y tế số');
    expect(opts.title).toBe(opts.title.normalize('NFC'));
    expect(opts.width).toBeGreaterThanOrEqual(1024);
    expect(opts.height).toBeGreaterThanOrEqual(640);
    expect(opts.minWidth).toBeLessThanOrEqual(opts.width);
    expect(opts.show).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values] as const),
  );

  it('has the exact directives', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'frame-src': ["'self'", 'blob:'],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
  });

  it('allows no remote origin anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|ws:/);
  });

  it('is sent with every app:// response', () => {
    const h = appResponseHeaders('/r/index.html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('APP_ORIGIN', () => {
  it('is app://station and the entry page is under it', () => {
    expect(APP_ORIGIN).toBe('app://station');
    expect(APP_ENTRY_URL).toBe('app://station/index.html');
    expect(isTrustedSenderUrl(APP_ENTRY_URL)).toBe(true);
  });
});

describe('isTrustedSenderUrl', () => {
  it.each([
    'app://station/index.html',
    'app://station/',
    'app://station',
    'app://station/persons/123?tab=visits#top',
    'APP://STATION/index.html',
    // The URL parser folds dot segments: this is still our own origin.
    'app://station/../index.html',
  ])('trusts %s', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    'about:blank',
    'http://station/index.html',
    'https://station/index.html',
    'http://127.0.0.1:5173/',
    'http://localhost/',
    'file:///opt/app/out/renderer/index.html',
    'file:///C:/Program%20Files/Tram/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://station/1234',
    'app://evil/index.html',
    'app://station.evil/index.html',
    'app://evil.station/index.html',
    'app://station:8080/index.html',
    'app://user:pass@station/index.html',
    'app://user@station/',
    'devtools://devtools/bundled/inspector.html',
    'chrome://settings',
    'app:station/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedSenderUrl(url as string | undefined)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it.each(['app://station/index.html', 'app://station/', 'app://station/settings/users'])('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:void(0)',
    'data:text/html,hi',
    'app://evil/',
    'app://station.example.com/',
    'app://a:b@station/',
    'about:blank',
    '',
    undefined,
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    'https://moh.gov.vn/',
    'https://tiemchung.vncdc.gov.vn/tra-cuu?x=1#a',
    'https://example.com:8443/path',
    'https://xn--bcher-kva.example/',
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://moh.gov.vn/',
    'https://user:pass@moh.gov.vn/',
    'https://user@moh.gov.vn/',
    'https://:pass@moh.gov.vn/',
    'file:///C:/Windows/System32/calc.exe',
    'file://server/share/x.exe',
    '\\\\server\\share\\x.exe',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'app://station/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'mailto:a@b.vn',
    'ftp://example.com/',
    'https:',
    'https://',
    '//example.com/',
    '',
    undefined,
    null,
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url as string | undefined)).toBe(false);
  });
});

describe('resolveAppProtocolPath', () => {
  const root = path.resolve('/srv/tram/out/renderer');
  const inside = (...p: string[]) => path.join(root, ...p);

  it('maps / and the origin alone to index.html', () => {
    expect(resolveAppProtocolPath(root, 'app://station/')).toBe(inside('index.html'));
    expect(resolveAppProtocolPath(root, 'app://station')).toBe(inside('index.html'));
  });

  it('maps paths to files inside the renderer folder, ignoring query and hash', () => {
    expect(resolveAppProtocolPath(root, 'app://station/index.html')).toBe(inside('index.html'));
    expect(resolveAppProtocolPath(root, 'app://station/assets/index-abc123.js')).toBe(inside('assets', 'index-abc123.js'));
    expect(resolveAppProtocolPath(root, 'app://station/assets/app.css?v=2#x')).toBe(inside('assets', 'app.css'));
    expect(resolveAppProtocolPath(root, 'app://station/fonts/Be%20Vietnam%20Pro.woff2')).toBe(
      inside('fonts', 'Be Vietnam Pro.woff2'),
    );
    expect(resolveAppProtocolPath(root, 'app://station/assets/')).toBe(inside('assets', 'index.html'));
    expect(resolveAppProtocolPath(root, 'app://station/a//b.js')).toBe(inside('a', 'b.js'));
  });

  it('accepts a relative renderer folder', () => {
    expect(resolveAppProtocolPath('out/renderer', 'app://station/x.js')).toBe(path.resolve('out/renderer', 'x.js'));
  });

  it.each([
    'app://station/../../etc/passwd',
    'app://station/../index.html',
    'app://station/./index.html',
    'app://station/assets/../../../etc/passwd',
    'app://station/%2e%2e/%2e%2e/etc/passwd',
    'app://station/%2E%2E/%2E%2E/etc/passwd',
    'app://station/.%2e/etc/passwd',
    'app://station/%2e./etc/passwd',
    'app://station/%2e/index.html',
    'app://station/..%2f..%2fetc%2fpasswd',
    'app://station/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://station/..%5c..%5cwindows%5cwin.ini',
    'app://station/..\\..\\windows\\win.ini',
    'app://station/%2e%2E/etc/passwd',
    'app://station/index.html%00.png',
    'app://station/C:/Windows/win.ini',
    'app://station/C%3A/Windows/win.ini',
    'app://station/index.html::$DATA',
    'app://station/NUL',
    'app://station/assets/con.txt',
    'app://station/%E0%A4%A',
  ])('refuses traversal or odd path %s', (url) => {
    expect(resolveAppProtocolPath(root, url)).toBeNull();
  });

  it('treats a doubly encoded dot as a file name, still inside the folder', () => {
    const file = resolveAppProtocolPath(root, 'app://station/%252e%252e/x');
    expect(file).toBe(inside('%2e%2e', 'x'));
  });

  it.each([
    'app://evil/index.html',
    'app://station.evil/index.html',
    'app://u:p@station/index.html',
    'https://station/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    '',
    'garbage',
  ])('refuses other origins %s', (url) => {
    expect(resolveAppProtocolPath(root, url)).toBeNull();
  });

  it('applies Windows path rules too', () => {
    const winRoot = 'C:\\Program Files\\Tram Y te so\\resources\\app.asar\\out\\renderer';
    const w = (url: string) => resolveAppProtocolPath(winRoot, url, path.win32);
    expect(w('app://station/')).toBe(`${winRoot}\\index.html`);
    expect(w('app://station/assets/a.js')).toBe(`${winRoot}\\assets\\a.js`);
    expect(w('app://station/..%5c..%5c..%5cWindows%5cwin.ini')).toBeNull();
    expect(w('app://station/%5c%5cserver%5cshare%5cx')).toBeNull();
    expect(w('app://station/D:%5cx')).toBeNull();
    expect(w('app://station/aux.js')).toBeNull();
  });

  it('never returns a path outside the folder (fuzzed)', () => {
    const pieces = ['..', '.', '%2e', '%2e%2e', '%2f', '%5c', 'a', 'index.html', '', '%00', '\\', 'C:', '%2E.'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const n = 1 + (next() % 6);
      const parts = Array.from({ length: n }, () => pieces[next() % pieces.length]);
      const url = `app://station/${parts.join('/')}`;
      for (const impl of [path.posix, path.win32]) {
        const base = impl === path.win32 ? 'C:\\r\\out' : '/r/out';
        const file = resolveAppProtocolPath(base, url, impl);
        if (file !== null) {
          const rel = impl.relative(base, file);
          expect(rel.startsWith('..') || impl.isAbsolute(rel) || rel === '', `${url} -> ${file}`).toBe(false);
        }
      }
    }
  });
});

describe('content types and client routes', () => {
  it('knows the renderer asset types', () => {
    expect(contentTypeFor('/r/a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/f.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/r/i.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/r/unknown.bin')).toBe('application/octet-stream');
  });

  it('falls back to index.html only for extension-less paths', () => {
    expect(isClientRoute('/r/persons/123')).toBe(true);
    expect(isClientRoute('/r/assets/missing.js')).toBe(false);
  });
});
