// The app's own origin, `app://workspace-tray/`, which serves the built renderer: which URLs belong to it, which
// file answers a request, and the Content-Security-Policy every answer carries. Pure: the Electron protocol
// handler (main/electron/protocol.ts) only reads the file this names.
import type { AppWindowName } from './app-windows.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workspace-tray';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page of a window: the renderer picks the window, and its first view, from the URL's hash. */
export function appPageUrl(window: AppWindowName): string {
  return `${APP_ORIGIN}/index.html#/${window}`;
}

/**
 * Strict: scripts and styles only from the app's own files, no inline script, no eval, no network at all (data
 * comes through the preload bridge), no plugins, frames or forms. The same as renderer/index.html's meta tag, sent
 * as a header so that it also covers what the meta tag cannot (frame-ancestors).
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers on every answer of the app's protocol. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** True for URLs of the app's own origin, which is what our windows load and the only sender IPC accepts. */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  txt: 'text/plain; charset=utf-8',
};

export type AppAsset =
  | { readonly ok: true; readonly segments: readonly string[]; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

/** Plain names only: letters, digits, dot, dash, underscore, not starting with a dot (no `..`, no hidden files). */
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * The file (as path segments under the renderer folder) that answers `url`, or why none does. Everything that
 * could leave the folder is refused: `..` in any spelling (URL parsing resolves the plain and %2e forms first),
 * encoded slashes or backslashes, NUL, hidden files, and files of a type the renderer does not ship.
 */
export function resolveAppAsset(url: string, method: string): AppAsset {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `${method} is not allowed` };
  if (!isAppUrl(url)) return { ok: false, status: 403, reason: 'not the app origin' };
  const { pathname } = new URL(url);
  const raw = pathname === '/' || pathname === '' ? ['index.html'] : pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    if (!SAFE_SEGMENT.test(decoded)) return { ok: false, status: 404, reason: `no such file (${JSON.stringify(decoded.slice(0, 80))} is not a plain file name)` };
    segments.push(decoded);
  }
  const name = segments.at(-1) ?? '';
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  const contentType = CONTENT_TYPES[extension];
  if (contentType === undefined) return { ok: false, status: 404, reason: `no such file (type .${extension} is not served)` };
  return { ok: true, segments, contentType };
}
