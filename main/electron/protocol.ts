// `app://workspace-tray/` serves the built renderer (dist/renderer) through `protocol.handle`, not file://:
// the pages get a real origin (so the CSP's 'self' means our files only, and IPC can check the sender's origin)
// and no access to the file system. Which file answers, and the headers, are decided in core/shell/app-url.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import { APP_RESPONSE_HEADERS, APP_SCHEME, resolveAppAsset } from '../core/shell/app-url.js';

/** Must run before the app is ready: a standard, secure scheme behaves like https (origin, storage, CSP). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After ready: answers every app:// request from `rendererDir`. */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(request.url, request.method);
    if (!asset.ok) return textResponse(asset.status, asset.reason);
    try {
      const body = await readFile(join(rendererDir, ...asset.segments));
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': asset.contentType },
      });
    } catch (error) {
      const missing = error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR');
      return missing ? textResponse(404, 'no such file') : textResponse(500, 'the file could not be read');
    }
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
